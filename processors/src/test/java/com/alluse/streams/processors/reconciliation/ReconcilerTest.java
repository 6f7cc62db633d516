package com.alluse.streams.processors.reconciliation;

import static com.alluse.streams.processors.reconciliation.MarketRecords.T0_MS;
import static com.alluse.streams.processors.reconciliation.MarketRecords.entry;
import static com.alluse.streams.processors.reconciliation.MarketRecords.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.avro.UnreconciledReason;
import com.alluse.streams.domain.ReconciliationTolerance;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final ReconciliationTolerance TOLERANCE = new ReconciliationTolerance(100, 0);
    private static final long NOW_MS = T0_MS + 1_000_000;

    private BalanceHistory history;

    @BeforeEach
    void setUp() {
        history = new BalanceHistory(
                MarketRecords.textStore(new MockProcessorContext<>(), ReconciliationProcessor.HISTORY_STORE), 2);
        history.record(entry("P1:GEN", 1, T0_MS, 10_000_000));
        history.record(entry("P1:GEN", 2, T0_MS + 100, 10_050_000));
    }

    @Test
    void shouldMatchWhenCashPlusPositionsIsWithinToleranceOfTheBalanceAtTheSnapshotTime() {
        ReconciliationResult result = reconcile(snapshot("s1", "P1:GEN", T0_MS + 50, 4_000_000, 6_000_050), null);

        assertThat(result.getStatus()).isEqualTo(ReconciliationStatus.MATCHED);
        assertThat(result.getResultId()).isEqualTo("P1:GEN/s1");
        assertThat(result.getLedgerBalanceCents()).isEqualTo(10_000_000);
        assertThat(result.getLedgerSequence()).isEqualTo(1);
        assertThat(result.getBrokerTotalCents()).isEqualTo(10_000_050);
        assertThat(result.getDifferenceCents()).isEqualTo(50);
        assertThat(result.getToleranceCents()).isEqualTo(100);
        assertThat(result.getLastMatchedAsOfMs()).isEqualTo(T0_MS + 50);
        assertThat(result.getReason()).isNull();
        assertThat(result.getReconciledAtMs()).isEqualTo(NOW_MS);
    }

    @Test
    void shouldFlagAMismatchBeyondToleranceAndKeepTheLastMatchedTime() {
        ReconciliationResult result = reconcile(snapshot("s2", "P1:GEN", T0_MS + 100, 10_050_101, 0), T0_MS + 50);

        assertThat(result.getStatus()).isEqualTo(ReconciliationStatus.MISMATCH);
        assertThat(result.getLedgerBalanceCents()).isEqualTo(10_050_000);
        assertThat(result.getDifferenceCents()).isEqualTo(101);
        assertThat(result.getDetail()).isEqualTo("broker 100501.01 vs ledger 100500.00, more than 1.00 apart");
        assertThat(result.getLastMatchedAsOfMs()).isEqualTo(T0_MS + 50);
    }

    @Test
    void shouldNotMoveTheLastMatchedTimeBackForAnOlderMatchingSnapshot() {
        ReconciliationResult result = reconcile(snapshot("s0", "P1:GEN", T0_MS, 10_000_000, 0), T0_MS + 100);

        assertThat(result.getStatus()).isEqualTo(ReconciliationStatus.MATCHED);
        assertThat(result.getLastMatchedAsOfMs()).isEqualTo(T0_MS + 100);
    }

    @Test
    void shouldAnswerUnreconciledWithAReasonWhenTheLedgerCannotSayTheBalance() {
        assertThat(reconcile(snapshot("s3", "P9:GEN", T0_MS, 1, 1), null)).satisfies(result -> {
            assertThat(result.getStatus()).isEqualTo(ReconciliationStatus.UNRECONCILED);
            assertThat(result.getReason()).isEqualTo(UnreconciledReason.UNKNOWN_ACCOUNT);
            assertThat(result.getLedgerBalanceCents()).isNull();
            assertThat(result.getDifferenceCents()).isNull();
        });
        history.record(entry("P1:GEN", 3, T0_MS + 200, 10_060_000)); // sequence 1 is dropped now
        assertThat(reconcile(snapshot("s4", "P1:GEN", T0_MS + 10, 1, 1), null).getReason())
                .isEqualTo(UnreconciledReason.SNAPSHOT_BEFORE_HISTORY);
        history.record(entry("P2:GEN", 1, T0_MS, 5));
        assertThat(reconcile(snapshot("s5", "P2:GEN", T0_MS - 1, 5, 0), null).getReason())
                .isEqualTo(UnreconciledReason.NOT_OPEN_AT_SNAPSHOT_TIME);
    }

    @Test
    void shouldAnswerInvalidSnapshotForNegativeValues() {
        ReconciliationResult result = reconcile(snapshot("s6", "P1:GEN", T0_MS, -1, 0), null);

        assertThat(result.getStatus()).isEqualTo(ReconciliationStatus.UNRECONCILED);
        assertThat(result.getReason()).isEqualTo(UnreconciledReason.INVALID_SNAPSHOT);
        assertThat(result.getDetail()).contains("cashCents is negative");
    }

    private ReconciliationResult reconcile(com.alluse.streams.avro.BrokerSnapshot snapshot, Long lastMatched) {
        return Reconciler.reconcile(snapshot, history, TOLERANCE, lastMatched, NOW_MS);
    }
}
