package com.alluse.streams.processors.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.avro.UnreconciledReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MarketMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MarketMetrics metrics = new MarketMetrics(registry);

    @Test
    void shouldRegisterEverySeriesAtZeroBeforeTheFirstResult() {
        assertThat(count(ReconciliationStatus.MISMATCH, MarketMetrics.NO_REASON))
                .isZero();
        assertThat(count(ReconciliationStatus.UNRECONCILED, "SNAPSHOT_BEFORE_HISTORY"))
                .isZero();
        assertThat(registry.get(MarketMetrics.INSTRUCTIONS)
                        .tag("kind", "CLOSE_ALL_POSITIONS")
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void shouldCountResultsByStatusAndReasonAndInstructionsByKind() {
        metrics.result(result(ReconciliationStatus.MISMATCH, null));
        metrics.result(result(ReconciliationStatus.MISMATCH, null));
        metrics.result(result(ReconciliationStatus.UNRECONCILED, UnreconciledReason.UNKNOWN_ACCOUNT));
        metrics.instruction(MarketInstructionKind.RECONCILIATION_MISMATCH);

        assertThat(count(ReconciliationStatus.MISMATCH, MarketMetrics.NO_REASON))
                .isEqualTo(2);
        assertThat(count(ReconciliationStatus.UNRECONCILED, "UNKNOWN_ACCOUNT")).isEqualTo(1);
        assertThat(count(ReconciliationStatus.MATCHED, MarketMetrics.NO_REASON)).isZero();
        assertThat(registry.get(MarketMetrics.INSTRUCTIONS)
                        .tag("kind", "RECONCILIATION_MISMATCH")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private double count(ReconciliationStatus status, String reason) {
        return registry.get(MarketMetrics.RESULTS)
                .tag("status", status.name())
                .tag("reason", reason)
                .counter()
                .count();
    }

    private static ReconciliationResult result(ReconciliationStatus status, UnreconciledReason reason) {
        return ReconciliationResult.newBuilder()
                .setResultId("P1:GEN/s")
                .setAccountId("P1:GEN")
                .setSnapshotId("s")
                .setStatus(status)
                .setReason(reason)
                .setAsOfMs(0)
                .setBrokerTotalCents(0)
                .setToleranceCents(0)
                .setToleranceBps(0)
                .setReconciledAtMs(0)
                .build();
    }
}
