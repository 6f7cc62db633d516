package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.AccountLookup;
import com.alluse.streams.domain.Portfolio;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stored state one step (a command, or one portfolio's period close) reads, each key read
 * from the stores at most once: the rules get fresh domain copies to change, and the invariants
 * check the changes against the same stored values without a second store read. Holds at most
 * the accounts of one portfolio; one instance per step.
 */
public final class StepReads {
    private final String portfolioId;
    private final PortfolioState storedPortfolio;
    private final KeyValueStore<String, AccountState> accounts;
    private final Map<String, Optional<AccountState>> accountsRead = new HashMap<>();

    StepReads(String portfolioId, PortfolioState storedPortfolio, KeyValueStore<String, AccountState> accounts) {
        this.portfolioId = portfolioId;
        this.storedPortfolio = storedPortfolio;
        this.accounts = accounts;
    }

    public String portfolioId() {
        return portfolioId;
    }

    /** A fresh copy of the stored portfolio (the rules change it in place), or empty if none is stored. */
    public Optional<Portfolio> portfolio() {
        return Optional.ofNullable(storedPortfolio).map(PortfolioStateMapper::toDomain);
    }

    /** Fresh copies of the stored accounts (the rules change them in place). */
    public AccountLookup accounts() {
        return accountId -> stored(accountId).map(AccountStateMapper::toDomain);
    }

    /** The stored state of an account (read once per step), or null if none is stored. */
    AccountState storedState(String accountId) {
        return stored(accountId).orElse(null);
    }

    private Optional<AccountState> stored(String accountId) {
        return accountsRead.computeIfAbsent(accountId, id -> Optional.ofNullable(accounts.get(id)));
    }
}
