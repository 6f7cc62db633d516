package com.alluse.streams.processors.metrics;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountType;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.PortfolioEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring processor: reads the pipeline's own outputs (results, events, dead letters,
 * account states) and turns them into business metrics. It keeps each account's last balance
 * in a small store so that assets under management move by deltas and survive task moves.
 *
 * <p>It reads bytes and decodes them itself: anyone may write to those topics, and a record the
 * source could not decode would kill the stream thread (and the ledger's tasks with it) on every
 * replacement. An undecodable record is logged with its position, counted, and skipped.
 */
public final class BusinessMetricsProcessor implements Processor<String, byte[], Void, Void> {
    public static final String AUM_STORE = "aum-by-account";
    private static final Logger LOG = LoggerFactory.getLogger(BusinessMetricsProcessor.class);

    private final BusinessMetrics metrics;
    private final Deserializer<SpecificRecord> deserializer;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, String> balances;
    private int partition;

    public BusinessMetricsProcessor(BusinessMetrics metrics, Deserializer<SpecificRecord> deserializer) {
        this.metrics = metrics;
        this.deserializer = deserializer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.balances = context.getStateStore(AUM_STORE);
        this.partition = context.taskId().partition();
        rebuildAum();
    }

    /** The account-state partitions of a task are the same partition number for every source topic. */
    private void rebuildAum() {
        metrics.aum().reset(partition);
        try (KeyValueIterator<String, String> all = balances.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> next = all.next();
                TypedBalance typed = TypedBalance.parse(next.value);
                metrics.aum().add(partition, typed.type(), typed.balanceCents());
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        SpecificRecord value = decode(record);
        if (value instanceof CommandResult result) {
            metrics.result(result, context.currentSystemTimeMs());
        } else if (value instanceof PortfolioEvent event) {
            metrics.event(event);
        } else if (value instanceof DeadLetter letter) {
            metrics.deadLetter(letter);
        } else if (value instanceof AccountState state) {
            track(state);
        }
    }

    /** The record's value, or null (a tombstone, or logged and counted when undecodable). */
    private SpecificRecord decode(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("?");
        try {
            return deserializer.deserialize(topic, record.headers(), record.value());
        } catch (RuntimeException e) {
            metrics.undecodableOutput(topic);
            LOG.warn(
                    "Skipping an undecodable record on {} at {}: {}",
                    topic,
                    context.recordMetadata()
                            .map(m -> m.partition() + "@" + m.offset())
                            .orElse("?"),
                    e.toString());
            return null;
        }
    }

    private void track(AccountState state) {
        String previous = balances.get(state.getAccountId());
        long previousCents = previous == null ? 0 : TypedBalance.parse(previous).balanceCents();
        metrics.aum().add(partition, state.getAccountType(), state.getBalanceCents() - previousCents);
        balances.put(state.getAccountId(), new TypedBalance(state.getAccountType(), state.getBalanceCents()).format());
    }

    @Override
    public void close() {
        metrics.aum().forget(partition);
    }

    /** "TYPE balanceCents": small, and readable when someone inspects the changelog. */
    record TypedBalance(AccountType type, long balanceCents) {
        static TypedBalance parse(String value) {
            int space = value.indexOf(' ');
            return new TypedBalance(
                    AccountType.valueOf(value.substring(0, space)), Long.parseLong(value.substring(space + 1)));
        }

        String format() {
            return type.name() + " " + balanceCents;
        }
    }
}
