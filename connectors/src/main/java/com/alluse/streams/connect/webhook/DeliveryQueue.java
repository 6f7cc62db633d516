package com.alluse.streams.connect.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Deliveries under way, at most {@code maxInFlight} at once: {@link #submit} waits for a free
 * slot, so a slow receiver slows the task instead of filling memory. Permanent failures are kept
 * for the task thread, which alone talks to Connect.
 */
final class DeliveryQueue implements AutoCloseable {
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    /** A record whose delivery failed for good. */
    record Failure(SinkRecord record, Exception error) {}

    private final WebhookClient client;
    private final int maxInFlight;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean abandoned;

    DeliveryQueue(WebhookClient client, int maxInFlight, String threadName) {
        this.client = client;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        this.workers = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts delivering, after waiting for a free slot. */
    void submit(SinkRecord record, WebhookEvent event) throws InterruptedException {
        slots.acquire();
        try {
            workers.execute(() -> deliver(record, event));
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    private void deliver(SinkRecord record, WebhookEvent event) {
        try {
            client.deliver(event);
        } catch (PermanentDeliveryException e) {
            failures.add(new Failure(record, e));
        } catch (InterruptedException e) {
            // Stopping: this event is neither delivered nor failed, so no offset may be committed.
            abandoned = true;
            Thread.currentThread().interrupt();
        } finally {
            slots.release();
        }
    }

    /** Waits until every submitted delivery has finished (delivered, failed for good, or abandoned). */
    void awaitIdle() throws InterruptedException {
        slots.acquire(maxInFlight);
        slots.release(maxInFlight);
    }

    /** Whether a delivery was cut short by {@link #close()}: then nothing may be committed. */
    boolean abandoned() {
        return abandoned;
    }

    /** The permanent failures since the last call. */
    List<Failure> drainFailures() {
        List<Failure> drained = new ArrayList<>();
        for (Failure failure; (failure = failures.poll()) != null; ) {
            drained.add(failure);
        }
        return drained;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
