package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.processors.SinkNames;
import com.alluse.streams.processors.internals.DeadLetters;
import com.alluse.streams.processors.internals.RecordDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The entry of the reconciliation sub-topology: decodes ledger entries and broker snapshots from
 * bytes (a record the source could not decode would stop the stream thread) and dead-letters what
 * cannot be decoded or cannot key an answer; the rest goes to {@link ReconciliationProcessor}.
 */
public final class ReconciliationInputDecoder implements Processor<byte[], byte[], String, SpecificRecord> {
    public static final String NAME = "reconciliation-input-decoder";

    private final Deserializer<SpecificRecord> deserializer;
    private final String ledgerTopic;
    private ProcessorContext<String, SpecificRecord> context;
    private DeadLetters deadLetters;
    private RecordDecoder<LedgerEntry> entries;
    private RecordDecoder<BrokerSnapshot> snapshots;

    public ReconciliationInputDecoder(Deserializer<SpecificRecord> deserializer, String ledgerTopic) {
        this.deserializer = deserializer;
        this.ledgerTopic = ledgerTopic;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.deadLetters = new DeadLetters(context, SinkNames.RECONCILIATION_DEAD_LETTERS);
        this.entries = new RecordDecoder<>(context, deserializer, LedgerEntry.class, deadLetters);
        this.snapshots = new RecordDecoder<>(context, deserializer, BrokerSnapshot.class, deadLetters);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().orElseThrow().topic();
        if (topic.equals(ledgerTopic)) {
            entries.decode(record).ifPresent(entry -> forwardEntry(record, entry));
            return;
        }
        Optional<BrokerSnapshot> decoded = snapshots.decode(record);
        if (decoded.isEmpty()) {
            return;
        }
        BrokerSnapshot snapshot = decoded.get();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Optional<String> problem = SnapshotChecks.identityProblem(key, snapshot);
        if (problem.isPresent()) {
            deadLetters.send(record, DeadLetterReason.INVALID_KEY, new IllegalArgumentException(problem.get()));
            return;
        }
        context.forward(new Record<>(key, snapshot, record.timestamp()), ReconciliationProcessor.NAME);
    }

    /** The pipeline numbers an account's entries from 1; any other sequence cannot key the balance history. */
    private void forwardEntry(Record<byte[], byte[]> record, LedgerEntry entry) {
        if (entry.getSequence() < 1) {
            deadLetters.send(
                    record,
                    DeadLetterReason.INVALID_VALUE,
                    new IllegalArgumentException("ledger entry " + entry.getEntryId() + " has sequence "
                            + entry.getSequence() + "; sequences start at 1"));
            return;
        }
        context.forward(new Record<>(entry.getAccountId(), entry, record.timestamp()), ReconciliationProcessor.NAME);
    }
}
