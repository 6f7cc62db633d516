package com.alluse.streams.cli;

import com.alluse.streams.client.Clients;
import com.alluse.streams.processors.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** What the disaster-recovery drill asks of the cluster: offsets, group progress, whole topics, clean-up. */
final class DrillCluster implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PROGRESS_CHECK_MS = 250;

    private final String bootstrapServers;
    private final Map<String, Object> serdeConfig;
    private final Admin admin;

    DrillCluster(String bootstrapServers, Map<String, Object> serdeConfig) {
        this.bootstrapServers = bootstrapServers;
        this.serdeConfig = serdeConfig;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The end offset of every partition of the topics. */
    Map<TopicPartition, Long> endOffsets(List<String> topics) {
        return offsets(topics, OffsetSpec.latest());
    }

    /**
     * Waits until the group has committed at least {@code targets} on every partition (consumer
     * lag 0 against them); a partition with nothing to read counts as reached without a commit.
     *
     * @param alive false when the group's consumer stopped for good, so waiting is pointless
     */
    void awaitCommitted(String groupId, Map<TopicPartition, Long> targets, long deadlineNanos, BooleanSupplier alive) {
        Map<TopicPartition, Long> starts = offsets(topicsOf(targets), OffsetSpec.earliest());
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
            long behind = targets.entrySet().stream()
                    .filter(target -> target.getValue() > starts.get(target.getKey()))
                    .filter(target -> committed.get(target.getKey()) == null
                            || committed.get(target.getKey()).offset() < target.getValue())
                    .count();
            if (behind == 0) {
                return;
            }
            if (!alive.getAsBoolean()) {
                throw new CliFailure(ExitCodes.KAFKA_FAILURE, "group " + groupId + " stopped consuming", null);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new CliFailure(
                        ExitCodes.KAFKA_FAILURE,
                        "group " + groupId + " still behind on " + behind + " partitions at the --timeout",
                        null);
            }
            pause(groupId);
        }
    }

    /**
     * Waits until no calendar close of the application is in progress: a close goes on in slices
     * after its input offset was committed, so a diff right after {@link #awaitCommitted} could catch
     * one half done. Done when the last record of every partition of the application's
     * calendar-pending changelog (one key per partition) is a tombstone.
     */
    void awaitNoCalendarClosePending(String applicationId, long deadlineNanos, BooleanSupplier alive) {
        String changelog = applicationId + "-" + StoreNames.CALENDAR_PENDING + "-changelog";
        Map<Integer, Boolean> pendingByPartition = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.rawConsumer(bootstrapServers)) {
            Clients.assignAllFromBeginning(consumer, changelog);
            while (true) {
                Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
                while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                    requireBefore(deadlineNanos, "reading " + changelog);
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        pendingByPartition.put(record.partition(), record.value() != null);
                    }
                }
                if (!pendingByPartition.containsValue(true)) {
                    return;
                }
                if (!alive.getAsBoolean()) {
                    throw new CliFailure(
                            ExitCodes.KAFKA_FAILURE, applicationId + " stopped during a calendar close", null);
                }
                requireBefore(deadlineNanos, applicationId + " still closing a calendar period");
                pause(applicationId);
            }
        }
    }

    private static void requireBefore(long deadlineNanos, String what) {
        if (System.nanoTime() > deadlineNanos) {
            throw new CliFailure(ExitCodes.KAFKA_FAILURE, what + " at the --timeout", null);
        }
    }

    private static void pause(String groupId) {
        try {
            Thread.sleep(PROGRESS_CHECK_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.KAFKA_FAILURE, "interrupted while waiting for group " + groupId, e);
        }
    }

    /** Fails at once when the group has committed nothing: a wrong id would otherwise wait for the whole --timeout. */
    void requireCommits(String groupId, String option) {
        if (get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata())
                .isEmpty()) {
            throw new CliFailure(
                    ExitCodes.USAGE, "group " + groupId + " has committed no offsets: is " + option + " right?", null);
        }
    }

    /** Every committed record of the topic up to its current end, at most {@code maxRecords}. */
    List<ConsumerRecord<String, SpecificRecord>> readAll(String topic, int maxRecords, long deadlineNanos) {
        List<ConsumerRecord<String, SpecificRecord>> records = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = Clients.consumer(bootstrapServers, serdeConfig, null)) {
            Clients.assignAllFromBeginning(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new CliFailure(ExitCodes.KAFKA_FAILURE, "reading " + topic + " outlasted --timeout", null);
                }
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(POLL)) {
                    records.add(record);
                }
                if (records.size() > maxRecords) {
                    throw new CliFailure(
                            ExitCodes.USAGE, topic + " holds more than --max-records " + maxRecords + " records", null);
                }
            }
        }
        return records;
    }

    /** Deletes the topics, the internal topics of the application id and its consumer group. */
    void deleteApplication(String applicationId, List<String> outputTopics) {
        // Only what exists: a drill that failed early must report its own failure, not a clean-up's.
        List<String> doomed = get(admin.listTopics().names()).stream()
                .filter(name -> outputTopics.contains(name) || name.startsWith(applicationId + "-"))
                .toList();
        get(admin.deleteTopics(doomed).all());
        try {
            get(admin.deleteConsumerGroups(List.of(applicationId)).all());
        } catch (CliFailure e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    private Map<TopicPartition, Long> offsets(List<String> topics, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        get(admin.describeTopics(topics).allTopicNames())
                .forEach((topic, description) -> description
                        .partitions()
                        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec)));
        return get(admin.listOffsets(request).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static List<String> topicsOf(Map<TopicPartition, Long> offsets) {
        return offsets.keySet().stream().map(TopicPartition::topic).distinct().toList();
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CliFailure(ExitCodes.KAFKA_FAILURE, e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new CliFailure(ExitCodes.KAFKA_FAILURE, "no answer from " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.KAFKA_FAILURE, "interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(REQUEST_TIMEOUT);
    }
}
