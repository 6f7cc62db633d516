package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.DeadLetterReason;
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
 * The entry of the reconciliation sub-topology: decodes account states and broker snapshots from
 * bytes (a record the source could not decode would stop the stream thread) and dead-letters what
 * cannot be decoded or cannot key an answer. Account states go to reconciliation and to the
 * market instructions, snapshots to reconciliation.
 */
public final class MarketInputDecoder implements Processor<byte[], byte[], String, SpecificRecord> {
    public static final String NAME = "market-input-decoder";

    private final Deserializer<SpecificRecord> deserializer;
    private final String accountStateTopic;
    private ProcessorContext<String, SpecificRecord> context;
    private DeadLetters deadLetters;
    private RecordDecoder<AccountState> states;
    private RecordDecoder<BrokerSnapshot> snapshots;

    public MarketInputDecoder(Deserializer<SpecificRecord> deserializer, String accountStateTopic) {
        this.deserializer = deserializer;
        this.accountStateTopic = accountStateTopic;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.deadLetters = new DeadLetters(context, SinkNames.MARKET_DEAD_LETTERS);
        this.states = new RecordDecoder<>(context, deserializer, AccountState.class, deadLetters);
        this.snapshots = new RecordDecoder<>(context, deserializer, BrokerSnapshot.class, deadLetters);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().orElseThrow().topic();
        if (topic.equals(accountStateTopic)) {
            states.decode(record).ifPresent(state -> {
                Record<String, SpecificRecord> out = new Record<>(state.getAccountId(), state, record.timestamp());
                context.forward(out, ReconciliationProcessor.NAME);
                context.forward(out, MarketInstructionsProcessor.NAME);
            });
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
}
