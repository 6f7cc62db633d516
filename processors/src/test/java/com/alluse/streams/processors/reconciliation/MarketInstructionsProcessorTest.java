package com.alluse.streams.processors.reconciliation;

import static com.alluse.streams.processors.reconciliation.MarketRecords.T0_MS;
import static com.alluse.streams.processors.reconciliation.MarketRecords.closed;
import static com.alluse.streams.processors.reconciliation.MarketRecords.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CloseReason;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketInstructionsProcessorTest {
    private MockProcessorContext<String, MarketInstruction> context;
    private KeyValueStore<String, String> issued;
    private MarketInstructionsProcessor processor;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        issued = MarketRecords.textStore(context, MarketInstructionsProcessor.ISSUED_STORE);
        processor = new MarketInstructionsProcessor();
        processor.init(context);
    }

    @Test
    void shouldInstructCloseAllPositionsWhenAnAccountIsMerged() {
        AccountState merged = closed(state("P1:F1:GEN", 4, T0_MS, 0), "cal-week-7", CloseReason.MERGED);

        send(merged);

        assertThat(instructions()).singleElement().satisfies(instruction -> {
            assertThat(instruction.getInstructionId()).isEqualTo("CLOSE_ALL_POSITIONS/P1:F1:GEN/cal-week-7");
            assertThat(instruction.getKind()).isEqualTo(MarketInstructionKind.CLOSE_ALL_POSITIONS);
            assertThat(instruction.getAccountId()).isEqualTo("P1:F1:GEN");
            assertThat(instruction.getPortfolioId()).isEqualTo("P1");
            assertThat(instruction.getCauseId()).isEqualTo("cal-week-7");
            assertThat(instruction.getReason()).isEqualTo("account closed (MERGED)");
            assertThat(instruction.getEventTimeMs()).isEqualTo(T0_MS);
        });
        assertThat(context.forwarded())
                .singleElement()
                .satisfies(f -> assertThat(f.record().key()).isEqualTo("P1:F1:GEN"));
    }

    @Test
    void shouldInstructOnlyOncePerAccountWhenItsClosedStateIsSeenAgain() {
        AccountState closedState = closed(state("P1:GEN", 4, T0_MS, 0), "c9", null);
        send(closedState);
        send(closedState);
        send(AccountState.newBuilder(closedState).setLastCommandId("cal-1").build());

        assertThat(instructions())
                .singleElement()
                .satisfies(instruction -> assertThat(instruction.getReason()).isEqualTo("account closed (REQUESTED)"));
        assertThat(issued.get("CLOSE_ALL_POSITIONS/P1:GEN")).isEqualTo("CLOSE_ALL_POSITIONS/P1:GEN/c9");
    }

    @Test
    void shouldIgnoreOpenAccountsAndMatchedOrUnreconciledResults() {
        send(state("P1:GEN", 1, T0_MS, 10));
        send(result("s1", ReconciliationStatus.MATCHED));
        send(result("s2", ReconciliationStatus.UNRECONCILED));

        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void shouldInstructEveryMismatchOnceByItsResultId() {
        send(result("s1", ReconciliationStatus.MISMATCH));
        send(result("s1", ReconciliationStatus.MISMATCH));
        send(result("s2", ReconciliationStatus.MISMATCH));

        assertThat(instructions())
                .extracting(MarketInstruction::getInstructionId)
                .containsExactly("RECONCILIATION_MISMATCH/P1:GEN/s1", "RECONCILIATION_MISMATCH/P1:GEN/s2");
        assertThat(instructions().get(0)).satisfies(instruction -> {
            assertThat(instruction.getKind()).isEqualTo(MarketInstructionKind.RECONCILIATION_MISMATCH);
            assertThat(instruction.getSnapshotId()).isEqualTo("s1");
            assertThat(instruction.getDifferenceCents()).isEqualTo(-700);
            assertThat(instruction.getCauseId()).isEqualTo("P1:GEN/s1");
            assertThat(instruction.getReason()).isEqualTo("broker 0.00 vs ledger 7.00, more than 1.00 apart");
        });
    }

    private static ReconciliationResult result(String snapshotId, ReconciliationStatus status) {
        return ReconciliationResult.newBuilder()
                .setResultId("P1:GEN/" + snapshotId)
                .setAccountId("P1:GEN")
                .setSnapshotId(snapshotId)
                .setStatus(status)
                .setAsOfMs(T0_MS)
                .setBrokerTotalCents(0)
                .setLedgerBalanceCents(700L)
                .setDifferenceCents(-700L)
                .setToleranceCents(100)
                .setToleranceBps(0)
                .setDetail(
                        status == ReconciliationStatus.MISMATCH
                                ? "broker 0.00 vs ledger 7.00, more than 1.00 apart"
                                : null)
                .setReconciledAtMs(T0_MS)
                .build();
    }

    private void send(SpecificRecord value) {
        processor.process(new Record<>("P1:GEN", value, T0_MS));
    }

    private List<MarketInstruction> instructions() {
        return context.forwarded().stream()
                .map(f -> (MarketInstruction) f.record().value())
                .toList();
    }
}
