package com.alluse.streams.domain;

/** ACTIVE <-> SUSPENDED; ACTIVE|SUSPENDED -> CLOSED, which is final. */
public enum AccountStatus {
    ACTIVE,
    SUSPENDED,
    CLOSED
}
