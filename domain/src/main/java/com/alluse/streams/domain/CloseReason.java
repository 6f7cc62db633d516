package com.alluse.streams.domain;

public enum CloseReason {
    /** Closed by a close command at zero balance. */
    REQUESTED,
    /** Closed because its fork group merged into the main Com-Acc. */
    MERGED
}
