package com.alluse.streams.processors.metrics;

import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.avro.UnreconciledReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the market integration: reconciliation results by status and reason (Prometheus
 * {@code alluse_reconciliation_results_total}) and market instructions by kind
 * ({@code alluse_market_instructions_total}). Counted from the committed reconciliation results
 * the market-instructions processor reads, like the business metrics; every tag is from a
 * closed set, no account id is a label.
 */
public final class MarketMetrics {
    static final String RESULTS = "alluse.reconciliation.results";
    static final String INSTRUCTIONS = "alluse.market.instructions";
    /** The reason tag of a MATCHED or MISMATCH result. */
    static final String NO_REASON = "none";

    private final MeterRegistry registry;

    /** Every series exists at zero from the start, so that increase() sees the first mismatch. */
    public MarketMetrics(MeterRegistry registry) {
        this.registry = registry;
        results(ReconciliationStatus.MATCHED, NO_REASON);
        results(ReconciliationStatus.MISMATCH, NO_REASON);
        for (UnreconciledReason reason : UnreconciledReason.values()) {
            results(ReconciliationStatus.UNRECONCILED, reason.name());
        }
        for (MarketInstructionKind kind : MarketInstructionKind.values()) {
            instructions(kind);
        }
    }

    public void result(ReconciliationResult result) {
        results(
                        result.getStatus(),
                        result.getReason() == null
                                ? NO_REASON
                                : result.getReason().name())
                .increment();
    }

    public void instruction(MarketInstructionKind kind) {
        instructions(kind).increment();
    }

    private Counter results(ReconciliationStatus status, String reason) {
        return Counter.builder(RESULTS)
                .description("Broker snapshots reconciled, by status and unreconciled reason")
                .tag("status", status.name())
                .tag("reason", reason)
                .register(registry);
    }

    private Counter instructions(MarketInstructionKind kind) {
        return Counter.builder(INSTRUCTIONS)
                .description("Instructions sent to the market integration, by kind")
                .tag("kind", kind.name())
                .register(registry);
    }
}
