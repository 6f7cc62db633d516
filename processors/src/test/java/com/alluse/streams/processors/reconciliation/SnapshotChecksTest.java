package com.alluse.streams.processors.reconciliation;

import static com.alluse.streams.processors.reconciliation.MarketRecords.T0_MS;
import static com.alluse.streams.processors.reconciliation.MarketRecords.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.BrokerSnapshot;
import org.junit.jupiter.api.Test;

class SnapshotChecksTest {
    private static final BrokerSnapshot GOOD = snapshot("s1", "P1:GEN", T0_MS, 100, 200);

    @Test
    void shouldAcceptAWellFormedSnapshot() {
        assertThat(SnapshotChecks.identityProblem("P1:GEN", GOOD)).isEmpty();
        assertThat(SnapshotChecks.problem(GOOD)).isEmpty();
    }

    @Test
    void shouldRejectTheIdentityWhenTheKeyIsNotTheAccountId() {
        assertThat(SnapshotChecks.identityProblem("P2:GEN", GOOD))
                .hasValueSatisfying(p -> assertThat(p).contains("record key P2:GEN"));
        assertThat(SnapshotChecks.identityProblem(null, GOOD)).isPresent();
    }

    @Test
    void shouldRejectTheIdentityWhenAnIdIsOversizedOrNotALedgerAccountId() {
        String longId = "P1:" + "G".repeat(SnapshotChecks.MAX_ACCOUNT_ID_LENGTH);
        assertThat(SnapshotChecks.identityProblem(longId, snapshot("s1", longId, T0_MS, 1, 1)))
                .hasValueSatisfying(p -> assertThat(p).contains("at most 128").endsWith("..."));
        assertThat(SnapshotChecks.identityProblem("P1", snapshot("s1", "P1", T0_MS, 1, 1)))
                .isPresent();
        assertThat(SnapshotChecks.identityProblem("P 1:GEN", snapshot("s1", "P 1:GEN", T0_MS, 1, 1)))
                .isPresent();
        String longSnapshotId = "s".repeat(SnapshotChecks.MAX_SNAPSHOT_ID_LENGTH + 1);
        assertThat(SnapshotChecks.identityProblem("P1:GEN", snapshot(longSnapshotId, "P1:GEN", T0_MS, 1, 1)))
                .hasValueSatisfying(p -> assertThat(p).contains("snapshotId"));
        assertThat(SnapshotChecks.identityProblem("P1:GEN", snapshot(" ", "P1:GEN", T0_MS, 1, 1)))
                .isPresent();
    }

    @Test
    void shouldRejectTheNumbersWhenNegativeOrOverflowing() {
        assertThat(SnapshotChecks.problem(snapshot("s1", "P1:GEN", T0_MS, -1, 0)))
                .hasValueSatisfying(p -> assertThat(p).contains("cashCents"));
        assertThat(SnapshotChecks.problem(snapshot("s1", "P1:GEN", T0_MS, 0, -1)))
                .hasValueSatisfying(p -> assertThat(p).contains("positionsValueCents"));
        assertThat(SnapshotChecks.problem(snapshot("s1", "P1:GEN", T0_MS, Long.MAX_VALUE, 1)))
                .hasValueSatisfying(p -> assertThat(p).contains("overflows"));
        assertThat(SnapshotChecks.problem(snapshot("s1", "P1:GEN", -5, 0, 0)))
                .hasValueSatisfying(p -> assertThat(p).contains("asOfMs"));
    }
}
