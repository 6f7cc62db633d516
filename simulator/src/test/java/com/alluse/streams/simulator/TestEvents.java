package com.alluse.streams.simulator;

import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.AccountType;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import java.util.List;

/** Strategy events and ledger entries as the pipeline writes them, with only what a test varies. */
final class TestEvents {
    private TestEvents() {}

    static StrategyEvent event(String accountId, StrategyEventKind kind, AccountStatus status, long deployableCents) {
        return StrategyEvent.newBuilder()
                .setEventId("cause/" + accountId + "/" + kind)
                .setAccountId(accountId)
                .setPortfolioId(accountId.substring(0, accountId.indexOf(':')))
                .setKind(kind)
                .setCauseId("cause")
                .setEventTimeMs(1)
                .setAccountType(accountId.endsWith(":GEN") ? AccountType.GENERATION : AccountType.REVENUE)
                .setStatus(status)
                .setCloseReason(kind == StrategyEventKind.ACCOUNT_CLOSED ? "MERGED" : null)
                .setTargetWeeklyReturnBps(accountId.endsWith(":GEN") ? 150 : 100)
                .setDeltaMin(40)
                .setDeltaMax(50)
                .setEntryDays(accountId.endsWith(":GEN") ? List.of("THURSDAY") : List.of("MONDAY", "TUESDAY"))
                .setPositionSizingBps(9_000)
                .setMaxDrawdownBps(1_500)
                .setBalanceCents(deployableCents * 2)
                .setCashBufferCents(0)
                .setAvailableCents(deployableCents * 2)
                .setDeployableCapitalCents(deployableCents)
                .setPerformanceIndexNanos(1_000_000_000L)
                .setHighWaterMarkNanos(1_000_000_000L)
                .build();
    }

    static StrategyEvent opened(String accountId, long deployableCents) {
        return event(accountId, StrategyEventKind.ACCOUNT_OPENED, AccountStatus.ACTIVE, deployableCents);
    }

    static StrategyEvent closed(String accountId) {
        return event(accountId, StrategyEventKind.ACCOUNT_CLOSED, AccountStatus.CLOSED, 0);
    }

    static LedgerEntry entry(String accountId, LedgerEntryType type, long amountCents) {
        return LedgerEntry.newBuilder()
                .setEntryId(accountId + "#1")
                .setPortfolioId(accountId.substring(0, accountId.indexOf(':')))
                .setAccountId(accountId)
                .setSequence(1)
                .setEntryType(type)
                .setAmountCents(amountCents)
                .setBalanceAfterCents(amountCents)
                .setCommandId("c1")
                .setEventTimeMs(1)
                .build();
    }
}
