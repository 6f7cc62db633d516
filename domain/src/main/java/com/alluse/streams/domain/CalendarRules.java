package com.alluse.streams.domain;

import java.util.Objects;

/** Week close (performance, drawdown) and quarter close (reinvestment), docs/rules.md section 6. */
public final class CalendarRules {
    private final RulesConfig rules;

    public CalendarRules(RulesConfig rules) {
        this.rules = Objects.requireNonNull(rules);
    }

    /** Closes the week for every open account of the portfolio. */
    public Changes weekClose(Cause cause, String periodId, Portfolio portfolio, AccountLookup accounts) {
        Transaction tx = new Transaction(cause, portfolio, accounts);
        for (String accountId : portfolio.accountIds()) {
            Account account = tx.requireAccount(accountId);
            if (!account.isClosed()) {
                closeWeek(tx, account, periodId);
            }
        }
        return tx.changes();
    }

    private static void closeWeek(Transaction tx, Account account, String periodId) {
        boolean wasBreached = account.performance().drawdownBreached();
        account.closeWeek(tx.cause());
        tx.touch(account);
        Performance performance = account.performance();
        int maxDrawdownBps = account.type().maxDrawdownBps();
        if (performance.drawdownBreached() && !wasBreached) {
            tx.raise(new DomainEvent.DrawdownBreach(account.accountId(), periodId, performance, maxDrawdownBps));
        } else if (!performance.drawdownBreached() && wasBreached) {
            tx.raise(new DomainEvent.DrawdownCleared(account.accountId(), periodId, performance, maxDrawdownBps));
        }
    }

    /** Reinvests the net earnings of every ACTIVE Rev-Acc and Com-Acc that reached the minimum. */
    public Changes quarterClose(Cause cause, String periodId, Portfolio portfolio, AccountLookup accounts) {
        Transaction tx = new Transaction(cause, portfolio, accounts);
        for (String accountId : portfolio.accountIds()) {
            Account account = tx.requireAccount(accountId);
            if (account.type().reinvests() && account.status() == AccountStatus.ACTIVE) {
                reinvest(tx, account, periodId);
            }
        }
        return tx.changes();
    }

    private void reinvest(Transaction tx, Account account, String periodId) {
        long reinvestable = Math.min(account.reinvestment().earningsSinceCents(), account.availableCents());
        if (reinvestable >= rules.reinvestMinimumCents()) {
            ReinvestmentSplit split = ReinvestmentSplit.of(reinvestable, rules.reinvestContractsBps());
            tx.record(account, account.reinvest(split, tx.cause()));
            tx.raise(new DomainEvent.ReinvestmentAllocated(account.accountId(), periodId, reinvestable, split));
        } else if (reinvestable > 0) {
            tx.raise(new DomainEvent.ReinvestmentDeferred(
                    account.accountId(), periodId, reinvestable, rules.reinvestMinimumCents()));
        }
    }
}
