package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.DomainEvent;
import com.alluse.streams.domain.LedgerEntry;
import com.alluse.streams.processors.SinkNames;
import com.alluse.streams.processors.StoreNames;
import com.alluse.streams.processors.StrategyEvents;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads portfolios and accounts from the stores and writes one step's changes back in two
 * phases: {@link #prepare} builds every output record (it may fail, and writes nothing), then
 * {@link #write} puts them into the stores and forwards them. Under exactly-once all of the
 * writes commit, or none of them does.
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

    /** Starts a step on one portfolio: its reads of the stores. */
    public StepReads read(String portfolioId) {
        return new StepReads(portfolioId, portfolios.get(portfolioId), accounts);
    }

    /** Starts a step on a portfolio already read (by a scan of the store). */
    public StepReads read(String portfolioId, PortfolioState stored) {
        return new StepReads(portfolioId, stored, accounts);
    }

    /**
     * Checks one step's changes against the stored state they replace ({@link ChangeInvariants})
     * and turns them into the records to write, without writing anything: a broken invariant
     * ({@link InvariantViolationException}) or a mapping that fails, fails here, inside the
     * processors' decide step (REJECTED INTERNAL_ERROR and a dead letter, nothing written), not
     * halfway through the writes.
     */
    public Prepared prepare(StepReads reads, Cause cause, Changes changes) {
        // Fresh copies of what the step read: the rules changed other copies of it.
        String portfolioId = reads.portfolioId();
        List<String> violations = ChangeInvariants.violations(
                portfolioId, changes, reads.portfolio().orElse(null), reads.accounts());
        if (!violations.isEmpty()) {
            throw new InvariantViolationException(portfolioId, cause.id(), violations);
        }
        PortfolioState portfolio =
                changes.portfolio() == null ? null : PortfolioStateMapper.toAvro(changes.portfolio());
        List<AccountState> states = new ArrayList<>(changes.accounts().size());
        List<StrategyEvent> strategyEvents = new ArrayList<>();
        for (Account account : changes.accounts()) {
            AccountState state = AccountStateMapper.toAvro(account);
            states.add(state);
            strategyEvents.addAll(StrategyEvents.between(reads.storedState(account.accountId()), state));
        }
        List<com.alluse.streams.avro.LedgerEntry> entries =
                new ArrayList<>(changes.entries().size());
        for (LedgerEntry entry : changes.entries()) {
            entries.add(LedgerEntryMapper.toAvro(entry));
        }
        List<DomainEvent> domainEvents = changes.events();
        List<PortfolioEvent> events = new ArrayList<>(domainEvents.size());
        for (int index = 0; index < domainEvents.size(); index++) {
            events.add(PortfolioEventMapper.toAvro(portfolioId, cause, index, domainEvents.get(index)));
        }
        return new Prepared(portfolioId, portfolio, states, entries, events, strategyEvents);
    }

    /**
     * Writes prepared changes: stores first, then ledger entries, account states, strategy events and
     * portfolio events downstream. A failure here is an infrastructure fault and propagates (the transaction
     * aborts); returns the ids a command result references.
     */
    public Written write(Prepared prepared, long timestampMs) {
        if (prepared.portfolio() != null) {
            portfolios.put(prepared.portfolioId(), prepared.portfolio());
        }
        List<String> accountIds = new ArrayList<>(prepared.states().size());
        for (AccountState state : prepared.states()) {
            accounts.put(state.getAccountId(), state);
            accountIds.add(state.getAccountId());
        }
        List<String> entryIds = new ArrayList<>(prepared.entries().size());
        for (var entry : prepared.entries()) {
            ledger.put(StoreNames.ledgerKey(entry.getAccountId(), entry.getSequence()), entry);
            context.forward(new Record<>(entry.getAccountId(), entry, timestampMs), SinkNames.LEDGER);
            entryIds.add(entry.getEntryId());
        }
        for (AccountState state : prepared.states()) {
            context.forward(new Record<>(state.getAccountId(), state, timestampMs), SinkNames.ACCOUNT_STATE);
        }
        // In the same task and transaction: a strategy event exists only for a committed change.
        for (StrategyEvent event : prepared.strategyEvents()) {
            context.forward(new Record<>(event.getAccountId(), event, timestampMs), SinkNames.STRATEGY_EVENTS);
        }
        List<String> eventIds = new ArrayList<>(prepared.events().size());
        for (PortfolioEvent event : prepared.events()) {
            context.forward(new Record<>(prepared.portfolioId(), event, timestampMs), SinkNames.PORTFOLIO_EVENTS);
            eventIds.add(event.getEventId());
        }
        return new Written(accountIds, entryIds, eventIds);
    }

    /**
     * One step's output records, all built, none written yet; the portfolio is null if unchanged.
     *
     * @param strategyEvents what the changed accounts tell the strategy engine ({@link StrategyEvents})
     */
    public record Prepared(
            String portfolioId,
            PortfolioState portfolio,
            List<AccountState> states,
            List<com.alluse.streams.avro.LedgerEntry> entries,
            List<PortfolioEvent> events,
            List<StrategyEvent> strategyEvents) {
        public Prepared {
            states = List.copyOf(states);
            entries = List.copyOf(entries);
            events = List.copyOf(events);
            strategyEvents = List.copyOf(strategyEvents);
        }
    }

    public record Written(List<String> accountIds, List<String> entryIds, List<String> eventIds) {
        public static final Written NOTHING = new Written(List.of(), List.of(), List.of());
    }
}
