package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.domain.ReconciliationTolerance;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the reconciliation processor (docs/architecture.md, "Reconciliation and market
 * instructions"; `alluse run --reconciliation-*`).
 *
 * @param tolerance the difference a snapshot may show and still match
 * @param historyEntries balance changes kept per account to reconcile a snapshot as of its time.
 *     The broker sends an account's snapshot at least daily, and an account changes a few times
 *     a day (executions, commissions, a week close), so the default 256 covers weeks: a snapshot
 *     older than the oldest kept change is answered SNAPSHOT_BEFORE_HISTORY, never guessed
 * @param maxWait how long after a snapshot's as-of time it may wait for the ledger to show a
 *     change of that account at or after it (the ledger may still be processing the executions
 *     the snapshot includes); then it is reconciled against the latest known balance
 * @param maxPending snapshots waiting per task at most; beyond it the oldest is reconciled at once
 */
public record ReconciliationConfig(
        ReconciliationTolerance tolerance, int historyEntries, Duration maxWait, int maxPending) {
    public static final int MAX_HISTORY_ENTRIES = 100_000;
    public static final int MAX_PENDING = 1_000_000;
    public static final ReconciliationConfig DEFAULTS =
            new ReconciliationConfig(ReconciliationTolerance.DEFAULT, 256, Duration.ofSeconds(30), 10_000);

    public ReconciliationConfig {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(maxWait, "maxWait");
        if (historyEntries < 1 || historyEntries > MAX_HISTORY_ENTRIES) {
            throw new IllegalArgumentException(
                    "historyEntries must be within 1.." + MAX_HISTORY_ENTRIES + ", got " + historyEntries);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
        }
        if (maxPending < 0 || maxPending > MAX_PENDING) {
            throw new IllegalArgumentException("maxPending must be within 0.." + MAX_PENDING + ", got " + maxPending);
        }
    }

    public ReconciliationConfig withTolerance(ReconciliationTolerance newTolerance) {
        return new ReconciliationConfig(newTolerance, historyEntries, maxWait, maxPending);
    }

    public ReconciliationConfig withMaxWait(Duration newMaxWait) {
        return new ReconciliationConfig(tolerance, historyEntries, newMaxWait, maxPending);
    }
}
