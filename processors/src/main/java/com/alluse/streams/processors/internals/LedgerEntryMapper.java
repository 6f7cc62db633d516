package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.ReinvestmentSplit;
import com.alluse.streams.domain.LedgerEntry;

/** LedgerEntry (domain) -> LedgerEntry (Avro). */
public final class LedgerEntryMapper {
    private LedgerEntryMapper() {}

    public static com.alluse.streams.avro.LedgerEntry toAvro(LedgerEntry entry) {
        return com.alluse.streams.avro.LedgerEntry.newBuilder()
                .setEntryId(entry.entryId())
                .setPortfolioId(entry.portfolioId())
                .setAccountId(entry.accountId())
                .setSequence(entry.sequence())
                .setEntryType(EnumMapper.toAvro(entry.type()))
                .setAmountCents(entry.amountCents())
                .setBalanceAfterCents(entry.balanceAfterCents())
                .setCommandId(entry.commandId())
                .setForkId(entry.forkId())
                .setMergeId(entry.mergeId())
                .setReinvestment(
                        entry.reinvestment() == null
                                ? null
                                : new ReinvestmentSplit(
                                        entry.reinvestment().contractsCents(),
                                        entry.reinvestment().leapsCents()))
                .setEventTimeMs(entry.eventTimeMs())
                .build();
    }
}
