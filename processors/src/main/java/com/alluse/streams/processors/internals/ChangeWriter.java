package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.AccountLookup;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.DomainEvent;
import com.alluse.streams.domain.LedgerEntry;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.processors.SinkNames;
import com.alluse.streams.processors.StoreNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads portfolios and accounts from the stores and writes one step's changes back: stores
 * first, then ledger entries, account states and events downstream. Under exactly-once all of
 * it commits, or none of it does.
 */
public final class ChangeWriter {
    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<String, PortfolioState> portfolios;
    private final KeyValueStore<String, AccountState> accounts;
    private final KeyValueStore<String, com.alluse.streams.avro.LedgerEntry> ledger;

    public ChangeWriter(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.portfolios = context.getStateStore(StoreNames.PORTFOLIOS);
        this.accounts = context.getStateStore(StoreNames.ACCOUNTS);
        this.ledger = context.getStateStore(StoreNames.LEDGER);
    }

    public KeyValueStore<String, PortfolioState> portfolios() {
        return portfolios;
    }

    public Optional<Portfolio> portfolio(String portfolioId) {
        return Optional.ofNullable(portfolios.get(portfolioId)).map(PortfolioStateMapper::toDomain);
    }

    public AccountLookup accountLookup() {
        return accountId -> Optional.ofNullable(accounts.get(accountId)).map(AccountStateMapper::toDomain);
    }

    /** Writes the changes; returns the ids a command result references. */
    public Written write(String portfolioId, Cause cause, Changes changes, long timestampMs) {
        if (changes.portfolio() != null) {
            portfolios.put(portfolioId, PortfolioStateMapper.toAvro(changes.portfolio()));
        }
        List<AccountState> states = new ArrayList<>(changes.accounts().size());
        List<String> accountIds = new ArrayList<>(changes.accounts().size());
        for (Account account : changes.accounts()) {
            AccountState state = AccountStateMapper.toAvro(account);
            accounts.put(account.accountId(), state);
            states.add(state);
            accountIds.add(account.accountId());
        }
        List<String> entryIds = new ArrayList<>(changes.entries().size());
        for (LedgerEntry entry : changes.entries()) {
            var avroEntry = LedgerEntryMapper.toAvro(entry);
            ledger.put(StoreNames.ledgerKey(entry.accountId(), entry.sequence()), avroEntry);
            context.forward(new Record<>(entry.accountId(), avroEntry, timestampMs), SinkNames.LEDGER);
            entryIds.add(entry.entryId());
        }
        for (AccountState state : states) {
            context.forward(new Record<>(state.getAccountId(), state, timestampMs), SinkNames.ACCOUNT_STATE);
        }
        List<String> eventIds = new ArrayList<>(changes.events().size());
        List<DomainEvent> events = changes.events();
        for (int index = 0; index < events.size(); index++) {
            var event = PortfolioEventMapper.toAvro(portfolioId, cause, index, events.get(index));
            context.forward(new Record<>(portfolioId, event, timestampMs), SinkNames.PORTFOLIO_EVENTS);
            eventIds.add(event.getEventId());
        }
        return new Written(accountIds, entryIds, eventIds);
    }

    public record Written(List<String> accountIds, List<String> entryIds, List<String> eventIds) {
        public static final Written NOTHING = new Written(List.of(), List.of(), List.of());
    }
}
