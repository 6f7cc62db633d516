package com.alluse.streams.loadtest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag: records up to each partition's last stable offset (records of open
 * transactions are not work a read_committed reader can do yet) that the group has not committed.
 * Every request times out after {@value #REQUEST_TIMEOUT_MS} ms: callers sample, they do not wait.
 */
final class GroupLag implements AutoCloseable {
    private static final long REQUEST_TIMEOUT_MS = 2_000;

    private final Admin admin;

    GroupLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) REQUEST_TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) REQUEST_TIMEOUT_MS));
    }

    /** Lag over every partition of the topic; a partition the group never committed counts from 0. */
    long onTopic(String groupId, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .get(topic)
                .partitions()
                .stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        return lag(committed(groupId), partitions);
    }

    /** Lag over the partitions the group has committed offsets for: every topic it has read. */
    long onCommittedPartitions(String groupId) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(groupId);
        return lag(committed, List.copyOf(committed.keySet()));
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String groupId)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private long lag(Map<TopicPartition, OffsetAndMetadata> committed, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            lag += Math.max(0, end.getValue().offset() - (position == null ? 0 : position.offset()));
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
