package com.alluse.streams.domain;

public enum EntryType {
    OPENING,
    DEPOSIT,
    WITHDRAWAL,
    PREMIUM,
    LOSS,
    COMMISSION,
    FORK_OUT,
    FORK_IN,
    MERGE_OUT,
    MERGE_IN,
    REINVESTMENT
}
