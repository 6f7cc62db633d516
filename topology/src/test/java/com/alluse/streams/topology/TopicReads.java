package com.alluse.streams.topology;

import com.alluse.streams.client.Clients;
import com.alluse.streams.client.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Complete reads of committed Avro values from any broker or cluster, for checking a pipeline's outputs. */
public final class TopicReads {
    private static final int OFFSETS_TIMEOUT_MS = 10_000;

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
                    throw new AssertionError("timed out reading " + topic + " with " + values.size()
                            + " records read; per partition position/last stable offset/log end offset: "
                            + offsets(consumer));
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

    /** The topic's end offset (last stable offset) per partition. */
    public Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, SpecificRecord> consumer = Clients.consumer(bootstrapServers, serdeConfig, null)) {
            Clients.assignAllFromBeginning(consumer, topic);
            return consumer.endOffsets(consumer.assignment()).entrySet().stream()
                    .collect(Collectors.toMap(
                            e -> e.getKey().partition(), Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        }
    }

    /** The group's committed offset per partition of the topic (partitions without one are absent). */
    public Map<Integer, Long> committedOffsets(String groupId, String topic) {
        try (Admin admin = Clients.admin(KafkaConnection.plaintext(bootstrapServers), OFFSETS_TIMEOUT_MS)) {
            return admin
                    .listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(OFFSETS_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .entrySet()
                    .stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(
                            e -> e.getKey().partition(), e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("committed offsets of " + groupId + " not listed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted listing committed offsets of " + groupId, e);
        }
    }

    /**
     * Where a read stopped: a last stable offset below the log end offset that stays there is an open transaction
     * (read_committed readers cannot pass it); equal ones with too few records read mean the records were never
     * written.
     */
    private String offsets(KafkaConsumer<String, SpecificRecord> consumer) {
        Map<TopicPartition, Long> stable = consumer.endOffsets(consumer.assignment());
        Map<TopicPartition, Long> logEnd;
        try (Admin admin = Clients.admin(KafkaConnection.plaintext(bootstrapServers), OFFSETS_TIMEOUT_MS)) {
            logEnd = admin
                    .listOffsets(stable.keySet().stream()
                            .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())))
                    .all()
                    .get(OFFSETS_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            return "(log end offsets not listed: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
        return stable.keySet().stream()
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .map(tp -> tp.partition() + ": " + consumer.position(tp) + "/" + stable.get(tp) + "/" + logEnd.get(tp))
                .collect(Collectors.joining(", "));
    }
}
