package com.alluse.streams.cli;

import com.alluse.streams.domain.Money;
import com.alluse.streams.domain.ReconciliationTolerance;
import com.alluse.streams.processors.reconciliation.ReconciliationConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How broker snapshots are reconciled (docs/architecture.md, "Reconciliation and market instructions"). */
final class ReconciliationOptions {
    @Option(
            names = "--reconciliation-tolerance",
            defaultValue = "1.00",
            description =
                    "Difference always allowed between a broker snapshot and the ledger (default: ${DEFAULT-VALUE}).")
    String toleranceAmount;

    @Option(
            names = "--reconciliation-tolerance-bps",
            defaultValue = "0",
            description =
                    "Difference allowed in basis points of the ledger balance, when larger than the amount (default: ${DEFAULT-VALUE}).")
    int toleranceBps;

    @Option(
            names = "--reconciliation-history-entries",
            defaultValue = "256",
            description =
                    "Balances kept per account to reconcile snapshots as of their time (default: ${DEFAULT-VALUE}).")
    int historyEntries;

    @Option(
            names = "--reconciliation-max-wait",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description =
                    "How long after its as-of time a snapshot may wait for the ledger to catch up, e.g. 30s or PT30S (default: ${DEFAULT-VALUE}).")
    Duration maxWait;

    ReconciliationConfig config() {
        return new ReconciliationConfig(
                new ReconciliationTolerance(Money.parseDecimal(toleranceAmount), toleranceBps),
                historyEntries,
                maxWait,
                ReconciliationConfig.DEFAULTS.maxPending());
    }
}
