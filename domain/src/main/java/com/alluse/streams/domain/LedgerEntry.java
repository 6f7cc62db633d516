package com.alluse.streams.domain;

/**
 * One immutable ledger line. Per account, sequences run 1, 2, 3... and the amounts sum to the
 * balance: the OPENING or FORK_IN entry at sequence 1 carries the initial balance.
 */
public record LedgerEntry(
        String entryId,
        String portfolioId,
        String accountId,
        long sequence,
        EntryType type,
        long amountCents,
        long balanceAfterCents,
        String commandId,
        String forkId,
        String mergeId,
        ReinvestmentSplit reinvestment,
        long eventTimeMs) {

    public static String entryId(String accountId, long sequence) {
        return accountId + "#" + sequence;
    }
}
