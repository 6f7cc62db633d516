package com.alluse.streams.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second: the consumer group's lag on the commands topic (what the processor has not
 * committed yet: under exactly-once up to one commit interval even when keeping up), commands
 * without a result, and this process's memory. At most {@link #MAX_SAMPLES} samples are kept.
 */
final class PhaseSampler implements AutoCloseable {
    static final int MAX_SAMPLES = 7_200;

    private final GroupLag groupLag;
    private final String groupId;
    private final String commandsTopic;
    private final CommandTracker tracker;
    private final long startNanos;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "phase-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** @param groupId the consumer group reading the commands topic, or null to skip the lag */
    PhaseSampler(
            String bootstrapServers, String groupId, String commandsTopic, CommandTracker tracker, long startNanos) {
        this.groupLag = new GroupLag(bootstrapServers);
        this.groupId = groupId;
        this.commandsTopic = commandsTopic;
        this.tracker = tracker;
        this.startNanos = startNanos;
        scheduler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        long lag = groupId == null ? -1 : lag();
        Sample sample = new Sample(
                (System.nanoTime() - startNanos) / 1_000_000,
                lag,
                tracker.outstanding(),
                ProcessMemory.residentBytes(),
                ProcessMemory.heapUsedBytes());
        synchronized (samples) {
            if (samples.size() < MAX_SAMPLES) {
                samples.add(sample);
            }
        }
    }

    private long lag() {
        try {
            return groupLag.onTopic(groupId, commandsTopic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            // A sample is best effort: a slow answer under load is recorded as unknown, not as a failure.
            return -1;
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            groupLag.close();
        } catch (InterruptedException e) {
            // Closing must not throw: keep the interrupt for the caller to see.
            Thread.currentThread().interrupt();
        }
    }
}
