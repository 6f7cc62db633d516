package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.processors.StoreNames;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The idempotency store: what each command id yielded the first time. Windowed by stream time,
 * so receipts older than the configured retention are dropped a segment at a time (bounded).
 */
public final class Receipts {
    private final ProcessorContext<?, ?> context;
    private final WindowStore<String, CommandReceipt> store;
    private final long retentionMs;

    public Receipts(ProcessorContext<?, ?> context, long retentionMs) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.RECEIPTS);
        this.retentionMs = retentionMs;
    }

    /** Unique for a valid portfolio id (no '/' or ':' in it, never "calendar"), which callers check first. */
    public static String commandKey(String portfolioId, String commandId) {
        return portfolioId + "/" + commandId;
    }

    public static String calendarKey(String eventId) {
        return "calendar/" + eventId;
    }

    /**
     * Marks a portfolio a calendar close was applied to ahead of the sweep over the partition. The
     * ':' keeps it apart from every command and event key, and the portfolio id (without '/') before
     * the event id keeps any two markers apart.
     */
    public static String calendarPortfolioKey(String eventId, String portfolioId) {
        return "calendar:" + portfolioId + "/" + eventId;
    }

    /**
     * Looks within the retained time range only: the caching layer walks every segment interval
     * of the range asked for, so an unbounded range would cost millions of steps per lookup.
     */
    public Optional<CommandReceipt> find(String key) {
        long nowMs = context.currentStreamTimeMs();
        try (WindowStoreIterator<CommandReceipt> found = store.fetch(key, Math.max(0, nowMs - retentionMs), nowMs)) {
            return found.hasNext() ? Optional.of(found.next().value) : Optional.empty();
        }
    }

    /** Stamped with stream time, never older than what the store retains, so the put is kept. */
    public void record(String key, CommandReceipt receipt) {
        store.put(key, receipt, context.currentStreamTimeMs());
    }
}
