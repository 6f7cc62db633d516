package com.alluse.streams.loadtest;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a consumer group has committed every partition it reads up to the partition's last
 * stable offset: the pipeline, its downstream sub-topologies included, has worked off what came
 * before. A phase that starts earlier measures the previous phase's tail too (the first second of
 * an open loop started while the monitoring still read the outputs of the opens, BENCHMARKS.md
 * session 11).
 */
final class PipelineIdle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineIdle.class);
    private static final long POLL_MS = 100;

    private final GroupLag groupLag;
    private final Duration timeout;

    /** @param timeout how long to wait at most; a phase then starts anyway, with a warning naming the lag */
    PipelineIdle(String bootstrapServers, Duration timeout) {
        this.groupLag = new GroupLag(bootstrapServers);
        this.timeout = timeout;
    }

    /** Waits for the group to have no lag on any partition it committed, and logs how long that took. */
    void await(String groupId) throws InterruptedException {
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + timeout.toNanos();
        long behind = lag(groupId);
        while (behind != 0 && System.nanoTime() < deadlineNanos) {
            Thread.sleep(POLL_MS);
            behind = lag(groupId);
        }
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (behind != 0) {
            LOG.warn(
                    "Group {} still {} records behind after {} ms: the phase starts anyway",
                    groupId,
                    behind,
                    waitedMillis);
        } else {
            LOG.info("Group {} idle after {} ms", groupId, waitedMillis);
        }
    }

    /** -1 when unknown: unknown is not idle, the next poll asks again until the timeout. */
    private long lag(String groupId) throws InterruptedException {
        try {
            return groupLag.onCommittedPartitions(groupId);
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        groupLag.close();
    }
}
