package com.alluse.streams.topology;

import com.alluse.streams.client.Clients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Complete reads of committed Avro values from any broker or cluster, for checking a pipeline's outputs. */
public final class TopicReads {
    private final String bootstrapServers;
    private final Map<String, Object> serdeConfig;

    public TopicReads(String bootstrapServers, Map<String, Object> serdeConfig) {
        this.bootstrapServers = bootstrapServers;
        this.serdeConfig = Map.copyOf(serdeConfig);
    }

    /** Reads committed values of the topic until {@code done} holds for them, bounded by {@code timeout}. */
    public <T extends SpecificRecord> List<T> readUntil(
            String topic, Class<T> type, Predicate<List<T>> done, Duration timeout) {
        List<T> values = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, SpecificRecord> consumer = Clients.consumer(bootstrapServers, serdeConfig, null)) {
            Clients.assignAllFromBeginning(consumer, topic);
            while (!done.test(values)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out reading " + topic + " with " + values.size() + " records read");
                }
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(type.cast(record.value()));
                }
            }
        }
        return values;
    }

    /** Reads every committed value up to the topic's current end (for read_committed, its stable offset). */
    public <T extends SpecificRecord> List<T> readToEnd(String topic, Class<T> type, Duration timeout) {
        List<T> values = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, SpecificRecord> consumer = Clients.consumer(bootstrapServers, serdeConfig, null)) {
            Clients.assignAllFromBeginning(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out reading " + topic + " to its end");
                }
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(type.cast(record.value()));
                }
            }
        }
        return values;
    }
}
