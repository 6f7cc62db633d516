package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.domain.AccountStatus;
import com.alluse.streams.domain.AccountType;
import com.alluse.streams.domain.CloseReason;
import com.alluse.streams.domain.EntryType;
import com.alluse.streams.domain.RejectReason;

/**
 * Domain enums <-> Avro enums, by exhaustive switch expressions without a default branch: a value
 * added to either side without its counterpart fails compilation here, instead of throwing at
 * run time on every retry of the record that carries it (a poison pill). Each direction exists
 * only where the pipeline uses it.
 */
public final class EnumMapper {
    private EnumMapper() {}

    public static com.alluse.streams.avro.AccountType toAvro(AccountType type) {
        return switch (type) {
            case GENERATION -> com.alluse.streams.avro.AccountType.GENERATION;
            case REVENUE -> com.alluse.streams.avro.AccountType.REVENUE;
            case COMPOUNDING -> com.alluse.streams.avro.AccountType.COMPOUNDING;
        };
    }

    public static AccountType toDomain(com.alluse.streams.avro.AccountType type) {
        return switch (type) {
            case GENERATION -> AccountType.GENERATION;
            case REVENUE -> AccountType.REVENUE;
            case COMPOUNDING -> AccountType.COMPOUNDING;
        };
    }

    public static com.alluse.streams.avro.AccountStatus toAvro(AccountStatus status) {
        return switch (status) {
            case ACTIVE -> com.alluse.streams.avro.AccountStatus.ACTIVE;
            case SUSPENDED -> com.alluse.streams.avro.AccountStatus.SUSPENDED;
            case CLOSED -> com.alluse.streams.avro.AccountStatus.CLOSED;
        };
    }

    public static AccountStatus toDomain(com.alluse.streams.avro.AccountStatus status) {
        return switch (status) {
            case ACTIVE -> AccountStatus.ACTIVE;
            case SUSPENDED -> AccountStatus.SUSPENDED;
            case CLOSED -> AccountStatus.CLOSED;
        };
    }

    public static com.alluse.streams.avro.CloseReason toAvro(CloseReason reason) {
        return switch (reason) {
            case REQUESTED -> com.alluse.streams.avro.CloseReason.REQUESTED;
            case MERGED -> com.alluse.streams.avro.CloseReason.MERGED;
        };
    }

    public static CloseReason toDomain(com.alluse.streams.avro.CloseReason reason) {
        return switch (reason) {
            case REQUESTED -> CloseReason.REQUESTED;
            case MERGED -> CloseReason.MERGED;
        };
    }

    public static LedgerEntryType toAvro(EntryType type) {
        return switch (type) {
            case OPENING -> LedgerEntryType.OPENING;
            case DEPOSIT -> LedgerEntryType.DEPOSIT;
            case WITHDRAWAL -> LedgerEntryType.WITHDRAWAL;
            case PREMIUM -> LedgerEntryType.PREMIUM;
            case LOSS -> LedgerEntryType.LOSS;
            case COMMISSION -> LedgerEntryType.COMMISSION;
            case FORK_OUT -> LedgerEntryType.FORK_OUT;
            case FORK_IN -> LedgerEntryType.FORK_IN;
            case MERGE_OUT -> LedgerEntryType.MERGE_OUT;
            case MERGE_IN -> LedgerEntryType.MERGE_IN;
            case REINVESTMENT -> LedgerEntryType.REINVESTMENT;
        };
    }

    public static ReasonCode toAvro(RejectReason reason) {
        return switch (reason) {
            case INVALID_AMOUNT -> ReasonCode.INVALID_AMOUNT;
            case INVALID_COMMAND -> ReasonCode.INVALID_COMMAND;
            case WITHDRAWAL_FORBIDDEN -> ReasonCode.WITHDRAWAL_FORBIDDEN;
            case INSUFFICIENT_AVAILABLE -> ReasonCode.INSUFFICIENT_AVAILABLE;
            case ACCOUNT_NOT_ACTIVE -> ReasonCode.ACCOUNT_NOT_ACTIVE;
            case ACCOUNT_CLOSED -> ReasonCode.ACCOUNT_CLOSED;
            case NONZERO_BALANCE -> ReasonCode.NONZERO_BALANCE;
            case INVALID_TRANSITION -> ReasonCode.INVALID_TRANSITION;
            case UNKNOWN_ACCOUNT -> ReasonCode.UNKNOWN_ACCOUNT;
            case ALREADY_EXISTS -> ReasonCode.ALREADY_EXISTS;
            case IDEMPOTENCY_CONFLICT -> ReasonCode.IDEMPOTENCY_CONFLICT;
            case INTERNAL_ERROR -> ReasonCode.INTERNAL_ERROR;
        };
    }
}
