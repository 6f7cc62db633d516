package com.alluse.streams.loadtest;

import java.time.Duration;
import java.util.HashMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a consumer group has committed every partition it reads up to the partition's last
 * committed record: the pipeline, its downstream sub-topologies included, has worked off what came
 * before. A phase that starts earlier measures the previous phase's tail too (the first second of
 * an open loop started while the monitoring still read the outputs of the opens, BENCHMARKS.md
 * session 11).
 */
final class PipelineIdle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineIdle.class);
    private static final long REQUEST_TIMEOUT_MS = 2_000;
    private static final long POLL_MS = 100;

    private final Admin admin;
    private final Duration timeout;

    /** @param timeout how long to wait at most; a phase then starts anyway, with a warning naming the lag */
    PipelineIdle(String bootstrapServers, Duration timeout) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) REQUEST_TIMEOUT_MS,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) REQUEST_TIMEOUT_MS));
        this.timeout = timeout;
    }

    /** Waits for the group to have no lag on any partition it committed, and logs how long that took. */
    void await(String groupId) throws InterruptedException {
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + timeout.toNanos();
        long lag = lag(groupId);
        while (lag != 0 && System.nanoTime() < deadlineNanos) {
            Thread.sleep(POLL_MS);
            lag = lag(groupId);
        }
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (lag != 0) {
            LOG.warn(
                    "Group {} still {} records behind after {} ms: the phase starts anyway",
                    groupId,
                    lag,
                    waitedMillis);
        } else {
            LOG.info("Group {} idle after {} ms", groupId, waitedMillis);
        }
    }

    /** Records committed to the group's partitions and not yet committed by the group; -1 when unknown. */
    private long lag(String groupId) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            committed.keySet().forEach(partition -> request.put(partition, OffsetSpec.latest()));
            // The last stable offset: records of open transactions are not work a read_committed reader can do yet.
            var ends = admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata position = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (position == null ? 0 : position.offset()));
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            // Unknown is not idle: the next poll asks again, until the timeout.
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
