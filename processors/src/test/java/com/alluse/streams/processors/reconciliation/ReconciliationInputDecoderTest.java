package com.alluse.streams.processors.reconciliation;

import static com.alluse.streams.processors.reconciliation.MarketRecords.T0_MS;
import static com.alluse.streams.processors.reconciliation.MarketRecords.entry;
import static com.alluse.streams.processors.reconciliation.MarketRecords.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.processors.SinkNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconciliationInputDecoderTest {
    private static final String LEDGER = "alluse.ledger";
    private static final String SNAPSHOTS = "alluse.broker-snapshots";

    private final MarketRecords records = new MarketRecords();
    private final Serializer<SpecificRecord> serializer =
            records.<SpecificRecord>avro().serializer();
    private MockProcessorContext<String, SpecificRecord> context;
    private ReconciliationInputDecoder decoder;
    private long offset;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(T0_MS);
        decoder = new ReconciliationInputDecoder(records.<SpecificRecord>avro().deserializer(), LEDGER);
        decoder.init(context);
    }

    @AfterEach
    void tearDown() {
        records.close();
    }

    @Test
    void shouldPassLedgerEntriesToReconciliation() {
        LedgerEntry entry = entry("P1:GEN", 1, T0_MS, 100);

        arrive(LEDGER, "P1:GEN", serializer.serialize(LEDGER, entry));

        assertThat(context.forwarded()).singleElement().satisfies(f -> {
            assertThat(f.childName()).contains(ReconciliationProcessor.NAME);
            assertThat(f.record().key()).isEqualTo("P1:GEN");
            assertThat(f.record().value()).isEqualTo(entry);
        });
    }

    @Test
    void shouldPassAWellFormedSnapshotToReconciliationOnly() {
        BrokerSnapshot snapshot = snapshot("s1", "P1:GEN", T0_MS, 1, 2);

        arrive(SNAPSHOTS, "P1:GEN", serializer.serialize(SNAPSHOTS, snapshot));

        assertThat(context.forwarded()).singleElement().satisfies(f -> {
            assertThat(f.childName()).contains(ReconciliationProcessor.NAME);
            assertThat(f.record().key()).isEqualTo("P1:GEN");
            assertThat(f.record().value()).isEqualTo(snapshot);
        });
    }

    @Test
    void shouldDeadLetterUndecodableBytesAndWrongSchemas() {
        arrive(SNAPSHOTS, "P1:GEN", "not avro".getBytes(StandardCharsets.UTF_8));
        arrive(SNAPSHOTS, "P1:GEN", serializer.serialize(SNAPSHOTS, entry("P1:GEN", 1, T0_MS, 1)));
        arrive(LEDGER, "P1:GEN", serializer.serialize(LEDGER, snapshot("s1", "P1:GEN", T0_MS, 1, 2)));

        assertThat(deadLetters())
                .extracting(DeadLetter::getReason)
                .containsExactly(
                        DeadLetterReason.DESERIALIZATION_FAILED,
                        DeadLetterReason.WRONG_SCHEMA,
                        DeadLetterReason.WRONG_SCHEMA);
        assertThat(deadLetters()).extracting(DeadLetter::getSourceOffset).containsExactly(0L, 1L, 2L);
    }

    @Test
    void shouldDeadLetterASnapshotWhoseIdsCannotKeyAnAnswer() {
        String oversized = "P1:" + "X".repeat(500);
        arrive(SNAPSHOTS, oversized, serializer.serialize(SNAPSHOTS, snapshot("s1", oversized, T0_MS, 1, 2)));
        arrive(SNAPSHOTS, "P2:GEN", serializer.serialize(SNAPSHOTS, snapshot("s1", "P1:GEN", T0_MS, 1, 2)));

        assertThat(deadLetters()).hasSize(2).allSatisfy(letter -> {
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.INVALID_KEY);
            assertThat(letter.getSourceTopic()).isEqualTo(SNAPSHOTS);
        });
        assertThat(context.forwarded(ReconciliationProcessor.NAME)).isEmpty();
    }

    @Test
    void shouldDeadLetterALedgerEntryWhoseSequenceIsNotPositive() {
        arrive(LEDGER, "P1:GEN", serializer.serialize(LEDGER, entry("P1:GEN", 0, T0_MS, 100)));
        arrive(LEDGER, "P1:GEN", serializer.serialize(LEDGER, entry("P1:GEN", -5, T0_MS, 100)));

        assertThat(deadLetters()).hasSize(2).allSatisfy(letter -> {
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.INVALID_VALUE);
            assertThat(letter.getSourceTopic()).isEqualTo(LEDGER);
        });
        assertThat(context.forwarded(ReconciliationProcessor.NAME)).isEmpty();
    }

    private void arrive(String topic, String key, byte[] value) {
        context.setRecordMetadata(topic, 0, offset++);
        decoder.process(new Record<>(key.getBytes(StandardCharsets.UTF_8), value, T0_MS));
    }

    private List<DeadLetter> deadLetters() {
        return context.forwarded(SinkNames.RECONCILIATION_DEAD_LETTERS).stream()
                .map(f -> (DeadLetter) f.record().value())
                .toList();
    }
}
