package com.alluse.streams.domain;

/** Reason codes of docs/rules.md section 3, plus INTERNAL_ERROR for a command the pipeline failed on. */
public enum RejectReason {
    INVALID_AMOUNT,
    INVALID_COMMAND,
    WITHDRAWAL_FORBIDDEN,
    INSUFFICIENT_AVAILABLE,
    ACCOUNT_NOT_ACTIVE,
    ACCOUNT_CLOSED,
    NONZERO_BALANCE,
    INVALID_TRANSITION,
    UNKNOWN_ACCOUNT,
    ALREADY_EXISTS,
    IDEMPOTENCY_CONFLICT,
    INTERNAL_ERROR
}
