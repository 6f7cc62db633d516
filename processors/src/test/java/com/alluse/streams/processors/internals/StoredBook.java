package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.AccountLookup;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.CommandRules;
import com.alluse.streams.domain.Decision;
import com.alluse.streams.domain.Invariants;
import com.alluse.streams.domain.LedgerEntry;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.domain.RulesConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One portfolio kept as the stores keep it (Avro state, so every read is a fresh copy the rules
 * may change), decided on by the real rules, without Kafka.
 */
final class StoredBook {
    static final RulesConfig RULES = new RulesConfig(5_000_000L, 50_000_000L, 500, 2_000, 100, 7_500);

    final String portfolioId;
    private final CommandRules commandRules = new CommandRules(RULES);
    private final CalendarRules calendarRules = new CalendarRules(RULES);
    private final Map<String, AccountState> accounts = new HashMap<>();
    private final Map<String, List<LedgerEntry>> ledgers = new HashMap<>();
    private PortfolioState portfolio;
    private int steps;

    StoredBook(String portfolioId) {
        this.portfolioId = portfolioId;
    }

    Portfolio portfolio() {
        return portfolio == null ? null : PortfolioStateMapper.toDomain(portfolio);
    }

    AccountLookup lookup() {
        return accountId -> Optional.ofNullable(accounts.get(accountId)).map(AccountStateMapper::toDomain);
    }

    Cause nextCause() {
        steps++;
        return new Cause("cmd-" + steps, 1_700_000_000_000L + steps);
    }

    /** The changes of an accepted command; fails the test when the rules reject it. */
    Changes decide(Command command) {
        Decision decision = commandRules.decide(nextCause(), portfolioId, command, portfolio(), lookup());
        if (decision instanceof Decision.Accepted accepted) {
            return accepted.changes();
        }
        throw new AssertionError("rejected: " + decision);
    }

    Changes quarterClose(String periodId) {
        return calendarRules.quarterClose(nextCause(), periodId, portfolio(), lookup());
    }

    Changes weekClose(String periodId) {
        return calendarRules.weekClose(nextCause(), periodId, portfolio(), lookup());
    }

    List<String> violations(Changes changes) {
        return ChangeInvariants.violations(portfolioId, changes, portfolio(), lookup());
    }

    /** Stores the changes as the ChangeWriter would. */
    void apply(Changes changes) {
        if (changes.portfolio() != null) {
            portfolio = PortfolioStateMapper.toAvro(changes.portfolio());
        }
        for (Account account : changes.accounts()) {
            accounts.put(account.accountId(), AccountStateMapper.toAvro(account));
        }
        for (LedgerEntry entry : changes.entries()) {
            ledgers.computeIfAbsent(entry.accountId(), id -> new ArrayList<>()).add(entry);
        }
    }

    /** Checks the step, then applies it: what the write path does. */
    Changes checkAndApply(Changes changes) {
        List<String> violations = violations(changes);
        if (!violations.isEmpty()) {
            throw new AssertionError("real rules broke an invariant: " + violations);
        }
        apply(changes);
        return changes;
    }

    /** The domain's whole-portfolio invariants over everything stored so far. */
    List<String> domainViolations() {
        Map<String, Account> current = new HashMap<>();
        accounts.forEach((id, state) -> current.put(id, AccountStateMapper.toDomain(state)));
        return Invariants.violations(portfolio(), current, ledgers);
    }
}
