package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static com.alluse.streams.client.BrokerSnapshots.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.avro.UnreconciledReason;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.reconciliation.ReconciliationConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciliation sub-topology of {@link AccountTopology}, fed by the ledger's own account
 * states. The harness's event times lie long before the driver's wall clock, so every snapshot
 * is past its wait and is reconciled when it arrives.
 */
class ReconciliationTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void open() {
        harness = new TopologyHarness(stateDir, RulesConfig.DEFAULTS, ReconciliationConfig.DEFAULTS);
        harness.send("open", "P1", openPortfolio(25_000_000L, "MODERATE"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void shouldMatchASnapshotOfTheBalanceAtItsTimeAndFlagOneBeyondTolerance() {
        long beforeDeposit = harness.clockMs();
        harness.send("P1", deposit("P1:GEN", 1_000_000L)); // 100,000.00 -> 110,000.00

        harness.snapshot(snapshot("s1", "P1:GEN", beforeDeposit, 6_000_000L, 4_000_050L));
        harness.snapshot(snapshot("s2", "P1:GEN", harness.clockMs(), 11_000_000L, 101L));

        assertThat(harness.reconciliations)
                .extracting(
                        ReconciliationResult::getSnapshotId,
                        ReconciliationResult::getStatus,
                        ReconciliationResult::getLedgerBalanceCents,
                        ReconciliationResult::getDifferenceCents)
                .containsExactly(
                        tuple("s1", ReconciliationStatus.MATCHED, 10_000_000L, 50L),
                        tuple("s2", ReconciliationStatus.MISMATCH, 11_000_000L, 101L));
        assertThat(harness.reconciliations.get(1).getLastMatchedAsOfMs()).isEqualTo(beforeDeposit);
        assertThat(harness.marketInstructions)
                .extracting(MarketInstruction::getKind, MarketInstruction::getInstructionId)
                .containsExactly(
                        tuple(MarketInstructionKind.RECONCILIATION_MISMATCH, "RECONCILIATION_MISMATCH/P1:GEN/s2"));
    }

    @Test
    void shouldInstructCloseAllPositionsOnceForEveryClosedAndMergedAccount() {
        harness.send("P1", premium("P1:GEN", 5_000_000L)); // forks P1:F1:GEN and P1:F1:COM
        harness.send("P1", deposit("P1:F1:GEN", 27_500_000L));
        harness.send("P1", deposit("P1:F1:COM", 17_499_999L));
        harness.send("P1", premium("P1:F1:GEN", 1L)); // the fork reaches the merge threshold
        harness.calendar(CalendarKind.WEEK_CLOSE, "W1"); // merges it into P1:COM
        harness.send("P1", AccountCommands.cashBuffer("P1:REV", 0));
        harness.send("P1", AccountCommands.withdrawal("P1:REV", 7_500_000L)); // a close needs a zero balance
        assertThat(harness.send("close-rev", "P1", AccountCommands.close("P1:REV"))
                        .getOutcome())
                .isEqualTo(CommandOutcome.ACCEPTED);
        harness.calendar(CalendarKind.WEEK_CLOSE, "W2");

        assertThat(harness.marketInstructions)
                .extracting(MarketInstruction::getAccountId, MarketInstruction::getKind, MarketInstruction::getReason)
                .containsExactlyInAnyOrder(
                        tuple("P1:F1:GEN", MarketInstructionKind.CLOSE_ALL_POSITIONS, "account closed (MERGED)"),
                        tuple("P1:F1:COM", MarketInstructionKind.CLOSE_ALL_POSITIONS, "account closed (MERGED)"),
                        tuple("P1:REV", MarketInstructionKind.CLOSE_ALL_POSITIONS, "account closed (REQUESTED)"));
        assertThat(harness.marketInstructions)
                .filteredOn(i -> i.getAccountId().equals("P1:REV"))
                .singleElement()
                .satisfies(i -> assertThat(i.getInstructionId()).isEqualTo("CLOSE_ALL_POSITIONS/P1:REV/close-rev"));
    }

    @Test
    void shouldAnswerUnknownAccountsAndNegativeValuesAndDeadLetterWhatCannotBeDecoded() {
        harness.snapshot(snapshot("s1", "P9:GEN", harness.clockMs(), 1L, 1L));
        harness.snapshot(snapshot("s2", "P1:GEN", harness.clockMs(), -1L, 1L));
        harness.sendRawSnapshot("P1:GEN".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 42, 1});
        harness.snapshot(snapshot("s3", "P1:GEN", harness.clockMs(), 10_000_000L, 0L));

        assertThat(harness.reconciliations)
                .extracting(
                        ReconciliationResult::getSnapshotId,
                        ReconciliationResult::getStatus,
                        ReconciliationResult::getReason)
                .containsExactly(
                        tuple("s1", ReconciliationStatus.UNRECONCILED, UnreconciledReason.UNKNOWN_ACCOUNT),
                        tuple("s2", ReconciliationStatus.UNRECONCILED, UnreconciledReason.INVALID_SNAPSHOT),
                        tuple("s3", ReconciliationStatus.MATCHED, null));
        assertThat(harness.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getSourceTopic()).isEqualTo(harness.topics.brokerSnapshots());
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.DESERIALIZATION_FAILED);
        });
    }
}
