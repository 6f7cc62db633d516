package com.alluse.streams.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The working set of one atomic step: reads see this step's own changes first. */
final class Transaction {
    private final Cause cause;
    private final AccountLookup lookup;
    private final Map<String, Account> touched = new LinkedHashMap<>();
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final List<DomainEvent> events = new ArrayList<>();
    private Portfolio portfolio;
    private boolean portfolioChanged;

    Transaction(Cause cause, Portfolio portfolio, AccountLookup lookup) {
        this.cause = cause;
        this.portfolio = portfolio;
        this.lookup = lookup;
    }

    Cause cause() {
        return cause;
    }

    Portfolio portfolio() {
        return portfolio;
    }

    void createPortfolio(Portfolio created) {
        portfolio = created;
        portfolioChanged = true;
    }

    void portfolioChanged() {
        portfolioChanged = true;
    }

    Optional<Account> account(String accountId) {
        Account pending = touched.get(accountId);
        return pending != null ? Optional.of(pending) : lookup.find(accountId);
    }

    Account requireAccount(String accountId) {
        return account(accountId)
                .orElseThrow(() -> new IllegalStateException("account " + accountId + " is missing from the store"));
    }

    void touch(Account account) {
        touched.putIfAbsent(account.accountId(), account);
    }

    LedgerEntry post(Account account, EntryType type, long signedAmountCents, String forkId, String mergeId) {
        return record(account, account.post(type, signedAmountCents, cause, forkId, mergeId));
    }

    LedgerEntry record(Account account, LedgerEntry entry) {
        touch(account);
        entries.add(entry);
        return entry;
    }

    void raise(DomainEvent event) {
        events.add(event);
    }

    /** Raises BUFFER_BREACH when an account's balance has newly fallen below its buffer. */
    void checkBufferBreach(Account account) {
        if (account.updateBufferBreach()) {
            raise(new DomainEvent.BufferBreach(account.accountId(), account.balanceCents(), account.cashBufferCents()));
        }
    }

    Changes changes() {
        return new Changes(portfolioChanged ? portfolio : null, List.copyOf(touched.values()), entries, events);
    }
}
