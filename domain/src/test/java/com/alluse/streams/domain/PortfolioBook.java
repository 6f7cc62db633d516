package com.alluse.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test harness: one portfolio's state in memory, driven through the real rules. */
final class PortfolioBook {
    static final String PORTFOLIO_ID = "P1";

    private final CommandRules commandRules;
    private final CalendarRules calendarRules;
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, List<LedgerEntry>> ledgers = new HashMap<>();
    private final List<DomainEvent> events = new ArrayList<>();
    private Portfolio portfolio;
    private long clockMs = 1_700_000_000_000L;
    private int commandCount;

    PortfolioBook() {
        this(RulesConfig.DEFAULTS);
    }

    PortfolioBook(RulesConfig rules) {
        this.commandRules = new CommandRules(rules);
        this.calendarRules = new CalendarRules(rules);
    }

    static long cents(String decimal) {
        return Money.parseDecimal(decimal.replace(",", ""));
    }

    static String gen() {
        return AccountIds.main(PORTFOLIO_ID, AccountType.GENERATION);
    }

    static String rev() {
        return AccountIds.main(PORTFOLIO_ID, AccountType.REVENUE);
    }

    static String com() {
        return AccountIds.main(PORTFOLIO_ID, AccountType.COMPOUNDING);
    }

    static String forkChild(int forkNumber, AccountType type) {
        return AccountIds.forkChild(AccountIds.fork(PORTFOLIO_ID, forkNumber), type);
    }

    PortfolioBook open(String capital) {
        assertThat(submit(new Command.OpenPortfolio("owner", cents(capital), null, null, null)))
                .isInstanceOf(Decision.Accepted.class);
        return this;
    }

    Decision submit(Command command) {
        commandCount++;
        return submit("cmd-" + commandCount, command);
    }

    Decision submit(String commandId, Command command) {
        Cause cause = new Cause(commandId, tick());
        Decision decision = commandRules.decide(cause, PORTFOLIO_ID, command, portfolio, this::find);
        if (decision instanceof Decision.Accepted accepted) {
            apply(accepted.changes());
        }
        return decision;
    }

    Changes weekClose(String periodId) {
        return apply(
                calendarRules.weekClose(new Cause("WEEK_CLOSE/" + periodId, tick()), periodId, portfolio, this::find));
    }

    Changes quarterClose(String periodId) {
        return apply(calendarRules.quarterClose(
                new Cause("QUARTER_CLOSE/" + periodId, tick()), periodId, portfolio, this::find));
    }

    private Changes apply(Changes changes) {
        if (changes.portfolio() != null) {
            portfolio = changes.portfolio();
        }
        changes.accounts().forEach(account -> accounts.put(account.accountId(), account));
        changes.entries()
                .forEach(entry -> ledgers.computeIfAbsent(entry.accountId(), id -> new ArrayList<>())
                        .add(entry));
        events.addAll(changes.events());
        return changes;
    }

    private long tick() {
        clockMs += 1_000;
        return clockMs;
    }

    Optional<Account> find(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    Account account(String accountId) {
        return find(accountId).orElseThrow(() -> new AssertionError("no account " + accountId));
    }

    long balance(String accountId) {
        return account(accountId).balanceCents();
    }

    List<LedgerEntry> ledger(String accountId) {
        return ledgers.getOrDefault(accountId, List.of());
    }

    List<DomainEvent> events() {
        return events;
    }

    Portfolio portfolio() {
        return portfolio;
    }

    long totalBalanceCents() {
        return portfolio.accountIds().stream().mapToLong(this::balance).sum();
    }

    List<String> violations() {
        return portfolio == null ? List.of() : Invariants.violations(portfolio, accounts, ledgers);
    }

    /** Everything observable, for replay comparisons. */
    String fingerprint() {
        StringBuilder out = new StringBuilder();
        for (String id : portfolio.accountIds()) {
            Account a = account(id);
            out.append(a)
                    .append(a.identity())
                    .append(a.performance())
                    .append(a.reinvestment())
                    .append('\n');
            ledger(id).forEach(entry -> out.append(entry).append('\n'));
        }
        events.forEach(event -> out.append(event).append('\n'));
        return out.toString();
    }
}
