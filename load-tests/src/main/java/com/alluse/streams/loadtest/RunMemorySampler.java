package com.alluse.streams.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** RSS and heap of this process every two seconds over the whole run (at most {@link #MAX_SAMPLES}). */
final class RunMemorySampler implements AutoCloseable {
    static final int MAX_SAMPLES = 10_000;

    private final long startNanos = System.nanoTime();
    private final List<MemorySample> samples = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "run-memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String scenario = "start";
    private volatile LongSupplier brokerResidentBytes = () -> -1;

    RunMemorySampler() {
        scheduler.scheduleAtFixedRate(this::sample, 0, 2, TimeUnit.SECONDS);
    }

    void scenario(String name) {
        scenario = name;
    }

    /** The broker's RSS, sampled beside this process's: -1 while it runs in this process. */
    void watchBroker(LongSupplier residentBytes) {
        brokerResidentBytes = residentBytes;
    }

    private void sample() {
        MemorySample sample = new MemorySample(
                (System.nanoTime() - startNanos) / 1_000_000,
                scenario,
                ProcessMemory.residentBytes(),
                ProcessMemory.heapUsedBytes(),
                brokerResidentBytes.getAsLong());
        synchronized (samples) {
            if (samples.size() < MAX_SAMPLES) {
                samples.add(sample);
            }
        }
    }

    List<MemorySample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // Closing must not throw: keep the interrupt for the caller to see.
            Thread.currentThread().interrupt();
        }
    }
}
