package com.alluse.streams.simulator;

import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.AccountType;
import com.alluse.streams.avro.StrategyEvent;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Objects;

/** What the strategy engine knows of one account: the view of its latest strategy event. */
public record AccountView(
        String accountId,
        AccountType type,
        AccountStatus status,
        List<DayOfWeek> entryDays,
        int targetWeeklyReturnBps,
        long balanceCents,
        long deployableCapitalCents) {

    public AccountView {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        entryDays = List.copyOf(entryDays);
    }

    public static AccountView of(StrategyEvent event) {
        return new AccountView(
                event.getAccountId(),
                event.getAccountType(),
                event.getStatus(),
                event.getEntryDays().stream().map(DayOfWeek::valueOf).toList(),
                event.getTargetWeeklyReturnBps(),
                event.getBalanceCents(),
                event.getDeployableCapitalCents());
    }

    public boolean isTradable() {
        return status == AccountStatus.ACTIVE && deployableCapitalCents > 0;
    }
}
