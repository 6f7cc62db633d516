package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.processors.SinkNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles broker snapshots against the ledger balance of the account as of the snapshot's
 * time (docs/architecture.md, "Reconciliation and market instructions"). It keeps a bounded
 * balance history per account from the ledger entries, answers every snapshot with one {@link
 * ReconciliationResult} (MATCHED, MISMATCH, or UNRECONCILED with a reason) on the reconciliation
 * topic, and remembers each account's last result for the HTTP API.
 *
 * <p>A snapshot may arrive before the ledger has booked what it includes. It waits (in a store, so
 * a restart keeps it) until the account has an entry at or after its as-of time, or until {@link
 * ReconciliationConfig#maxWait()} after that time has passed on the wall clock.
 */
public final class ReconciliationProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    public static final String NAME = "reconciliation-processor";
    /** Account id + sequence -> balance since; see {@link BalanceHistory}. */
    public static final String HISTORY_STORE = "reconciliation-balance-history";
    /** Account id + "#" + snapshot id -> BrokerSnapshot waiting for the ledger. */
    public static final String PENDING_STORE = "reconciliation-pending";
    /** Account id -> its latest ReconciliationResult (the HTTP API reads it). */
    public static final String STATUS_STORE = "reconciliation-status";

    static final Duration PUNCTUATE_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ReconciliationProcessor.class);

    private final ReconciliationConfig config;
    private ProcessorContext<String, SpecificRecord> context;
    private BalanceHistory history;
    private KeyValueStore<String, BrokerSnapshot> pending;
    private KeyValueStore<String, ReconciliationResult> statuses;
    private long pendingCount;

    public ReconciliationProcessor(ReconciliationConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.history = new BalanceHistory(context.getStateStore(HISTORY_STORE), config.historyEntries());
        this.pending = context.getStateStore(PENDING_STORE);
        this.statuses = context.getStateStore(STATUS_STORE);
        this.pendingCount = countPending();
        context.schedule(PUNCTUATE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::reconcileOverdue);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof LedgerEntry entry) {
            history.record(entry);
            if (pendingCount > 0) {
                reconcileCaughtUp(entry.getAccountId(), entry.getEventTimeMs());
            }
        } else if (record.value() instanceof BrokerSnapshot snapshot) {
            receive(snapshot, record.timestamp());
        }
    }

    private void receive(BrokerSnapshot snapshot, long timestampMs) {
        String pendingKey = pendingKey(snapshot);
        ReconciliationResult last = statuses.get(snapshot.getAccountId());
        if ((last != null && last.getSnapshotId().equals(snapshot.getSnapshotId()))
                || pending.get(pendingKey) != null) {
            LOG.info(
                    "Snapshot {} of {} was delivered again: already answered",
                    snapshot.getSnapshotId(),
                    snapshot.getAccountId());
            return;
        }
        if (SnapshotChecks.problem(snapshot).isPresent() || ready(snapshot)) {
            reconcile(snapshot, timestampMs);
            return;
        }
        if (pendingCount >= config.maxPending()) {
            reconcileOldestPending();
        }
        pending.put(pendingKey, snapshot);
        pendingCount++;
    }

    /** The ledger already has an entry of the account at or after the as-of time, or it is late enough. */
    private boolean ready(BrokerSnapshot snapshot) {
        if (overdue(snapshot, context.currentSystemTimeMs()) || config.maxPending() == 0) {
            return true;
        }
        return history.latest(snapshot.getAccountId())
                .map(latest -> latest.sinceMs() >= snapshot.getAsOfMs())
                .orElse(false);
    }

    /** Waited long enough; as-of times are not negative (checked), so the subtraction cannot overflow. */
    private boolean overdue(BrokerSnapshot snapshot, long nowMs) {
        return nowMs - snapshot.getAsOfMs() >= config.maxWait().toMillis();
    }

    private void reconcileCaughtUp(String accountId, long changedAtMs) {
        for (KeyValue<String, BrokerSnapshot> waiting : pendingOf(accountId)) {
            if (waiting.value.getAsOfMs() <= changedAtMs) {
                resolvePending(waiting);
            }
        }
    }

    private void reconcileOverdue(long nowMs) {
        if (pendingCount == 0) {
            return;
        }
        List<KeyValue<String, BrokerSnapshot>> due = new ArrayList<>();
        try (KeyValueIterator<String, BrokerSnapshot> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, BrokerSnapshot> next = all.next();
                if (overdue(next.value, nowMs)) {
                    due.add(next);
                }
            }
        }
        due.forEach(this::resolvePending);
    }

    private void reconcileOldestPending() {
        KeyValue<String, BrokerSnapshot> oldest = null;
        try (KeyValueIterator<String, BrokerSnapshot> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, BrokerSnapshot> next = all.next();
                if (oldest == null || next.value.getAsOfMs() < oldest.value.getAsOfMs()) {
                    oldest = next;
                }
            }
        }
        if (oldest != null) {
            resolvePending(oldest);
        }
    }

    private void resolvePending(KeyValue<String, BrokerSnapshot> waiting) {
        pending.delete(waiting.key);
        pendingCount--;
        reconcile(waiting.value, waiting.value.getAsOfMs());
    }

    private void reconcile(BrokerSnapshot snapshot, long timestampMs) {
        ReconciliationResult previous = statuses.get(snapshot.getAccountId());
        Long lastMatched = previous == null ? null : previous.getLastMatchedAsOfMs();
        ReconciliationResult result =
                Reconciler.reconcile(snapshot, history, config.tolerance(), lastMatched, context.currentSystemTimeMs());
        statuses.put(snapshot.getAccountId(), result);
        Record<String, SpecificRecord> out = new Record<>(snapshot.getAccountId(), result, timestampMs);
        context.forward(out, SinkNames.RECONCILIATION);
        if (result.getStatus() != ReconciliationStatus.MATCHED) {
            LOG.warn(
                    "Reconciliation of {} snapshot {}: {} {} difference {} cents",
                    snapshot.getAccountId(),
                    snapshot.getSnapshotId(),
                    result.getStatus(),
                    result.getReason() == null ? "" : result.getReason(),
                    result.getDifferenceCents());
        }
    }

    private List<KeyValue<String, BrokerSnapshot>> pendingOf(String accountId) {
        List<KeyValue<String, BrokerSnapshot>> found = new ArrayList<>();
        try (KeyValueIterator<String, BrokerSnapshot> ofAccount = pending.range(accountId + "#", accountId + "$")) {
            ofAccount.forEachRemaining(found::add);
        }
        return found;
    }

    private long countPending() {
        long count = 0;
        try (KeyValueIterator<String, BrokerSnapshot> all = pending.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private static String pendingKey(BrokerSnapshot snapshot) {
        return snapshot.getAccountId() + "#" + snapshot.getSnapshotId();
    }
}
