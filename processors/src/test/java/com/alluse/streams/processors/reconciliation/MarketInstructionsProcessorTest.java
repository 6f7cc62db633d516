package com.alluse.streams.processors.reconciliation;

import static com.alluse.streams.processors.reconciliation.MarketRecords.T0_MS;
import static com.alluse.streams.processors.reconciliation.MarketRecords.closedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import com.alluse.streams.processors.SinkNames;
import com.alluse.streams.processors.metrics.MarketMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketInstructionsProcessorTest {
    private static final String EVENTS = "alluse.strategy-events";
    private static final String RESULTS = "alluse.reconciliation";

    private final MarketRecords records = new MarketRecords();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Serializer<SpecificRecord> serializer =
            records.<SpecificRecord>avro().serializer();
    private MockProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, String> issued;
    private MarketInstructionsProcessor processor;
    private long offset;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(T0_MS);
        issued = MarketRecords.textStore(context, MarketInstructionsProcessor.ISSUED_STORE);
        processor = new MarketInstructionsProcessor(
                records.<SpecificRecord>avro().deserializer(), new MarketMetrics(registry));
        processor.init(context);
    }

    @AfterEach
    void tearDown() {
        records.close();
    }

    @Test
    void shouldInstructCloseAllPositionsWhenAnAccountIsMerged() {
        send(EVENTS, closedEvent("P1:F1:GEN", "cal-week-7", "MERGED"));

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
    void shouldInstructOnlyOncePerAccountWhenItsCloseIsReadAgain() {
        StrategyEvent closed = closedEvent("P1:GEN", "c9", null);
        send(EVENTS, closed);
        send(EVENTS, closed);
        send(EVENTS, StrategyEvent.newBuilder(closed).setCauseId("c10").build());

        assertThat(instructions())
                .singleElement()
                .satisfies(instruction -> assertThat(instruction.getReason()).isEqualTo("account closed (REQUESTED)"));
        assertThat(issued.get("CLOSE_ALL_POSITIONS/P1:GEN")).isEqualTo("CLOSE_ALL_POSITIONS/P1:GEN/c9");
    }

    @Test
    void shouldIgnoreOtherStrategyEventsAndMatchedOrUnreconciledResults() {
        send(
                EVENTS,
                StrategyEvent.newBuilder(closedEvent("P1:GEN", "c1", null))
                        .setKind(StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED)
                        .build());
        send(RESULTS, result("s1", ReconciliationStatus.MATCHED));
        send(RESULTS, result("s2", ReconciliationStatus.UNRECONCILED));

        assertThat(context.forwarded()).isEmpty();
    }

    @Test
    void shouldInstructEveryMismatchOnceByItsResultId() {
        send(RESULTS, result("s1", ReconciliationStatus.MISMATCH));
        send(RESULTS, result("s1", ReconciliationStatus.MISMATCH));
        send(RESULTS, result("s2", ReconciliationStatus.MISMATCH));

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
        assertThat(registry.get("alluse.reconciliation.results")
                        .tag("status", "MISMATCH")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get("alluse.market.instructions")
                        .tag("kind", "RECONCILIATION_MISMATCH")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void shouldDeadLetterUndecodableInputAndGoOn() {
        context.setRecordMetadata(RESULTS, 0, offset++);
        processor.process(new Record<>(key(), "garbage".getBytes(StandardCharsets.UTF_8), T0_MS));
        send(RESULTS, result("s1", ReconciliationStatus.MISMATCH));

        assertThat(context.forwarded(SinkNames.MARKET_DEAD_LETTERS))
                .singleElement()
                .satisfies(f -> assertThat(((DeadLetter) f.record().value()).getReason())
                        .isEqualTo(DeadLetterReason.DESERIALIZATION_FAILED));
        assertThat(instructions()).hasSize(1);
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

    private void send(String topic, SpecificRecord value) {
        context.setRecordMetadata(topic, 0, offset++);
        processor.process(new Record<>(key(), serializer.serialize(topic, value), T0_MS));
    }

    private static byte[] key() {
        return "P1:GEN".getBytes(StandardCharsets.UTF_8);
    }

    private List<MarketInstruction> instructions() {
        return context.forwarded(SinkNames.MARKET_INSTRUCTIONS).stream()
                .map(f -> (MarketInstruction) f.record().value())
                .toList();
    }
}
