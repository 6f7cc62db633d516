package com.alluse.streams.projection;

import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.CommandRules;
import com.alluse.streams.domain.Decision;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.domain.RulesConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One portfolio in memory, changed only by the domain rules the topology's processors call
 * ({@link CommandRules}, {@link CalendarRules}): the portfolio and accounts the topology keeps in
 * its state stores are kept here in fields, each step's changes replacing what they touched.
 */
final class RulesLedger implements ProjectionLedger {
    private final String portfolioId;
    private final CommandRules commandRules;
    private final CalendarRules calendarRules;
    private final Map<String, Account> accounts = new HashMap<>();
    private Portfolio portfolio;

    RulesLedger(String portfolioId, RulesConfig rules) {
        this.portfolioId = portfolioId;
        this.commandRules = new CommandRules(rules);
        this.calendarRules = new CalendarRules(rules);
    }

    @Override
    public Booking submit(Cause cause, Command command) {
        Decision decision = apply(cause, () -> commandRules.decide(cause, portfolioId, command, portfolio, this::find));
        if (decision instanceof Decision.Rejected rejected) {
            throw new IllegalStateException("the rules rejected projection command " + cause.id() + ": "
                    + rejected.reason() + " (" + rejected.message() + ")");
        }
        return book(((Decision.Accepted) decision).changes());
    }

    @Override
    public Booking closeWeek(Cause cause, String periodId) {
        Portfolio open = openPortfolio();
        return book(apply(cause, () -> calendarRules.weekClose(cause, periodId, open, this::find)));
    }

    @Override
    public Booking closeQuarter(Cause cause, String periodId) {
        Portfolio open = openPortfolio();
        return book(apply(cause, () -> calendarRules.quarterClose(cause, periodId, open, this::find)));
    }

    /** A failure inside the rules (an overflow, say) stops the run, as the topology dead-letters the input. */
    private static <T> T apply(Cause cause, Supplier<T> rules) {
        try {
            return rules.get();
        } catch (RuntimeException failed) {
            throw new IllegalStateException(
                    "the rules failed on projection input " + cause.id() + ": " + failed, failed);
        }
    }

    private Portfolio openPortfolio() {
        if (portfolio == null) {
            throw new IllegalStateException("no portfolio " + portfolioId + " is open");
        }
        return portfolio;
    }

    private Optional<Account> find(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    private Booking book(Changes changes) {
        if (changes.portfolio() != null) {
            portfolio = changes.portfolio();
        }
        for (Account account : changes.accounts()) {
            accounts.put(account.accountId(), account);
        }
        return Booking.of(changes);
    }
}
