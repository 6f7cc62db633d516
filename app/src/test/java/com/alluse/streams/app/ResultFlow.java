package com.alluse.streams.app;

import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.client.Clients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Follows the committed results and tells when results flow again after a fault: when every
 * command partition has a result for a command written after the fault (at or past the given
 * offsets), which only a live owner of that partition can have produced. Keeps each result's
 * arrival time for {@link ThroughputRecovery}.
 */
final class ResultFlow implements Runnable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final Map<String, Object> serdeConfig;
    private final String topic;
    private final long[] highestCommandOffsets;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Watch> watch = new AtomicReference<>();
    // One entry per result: bounded by the commands the test sends.
    private final List<ThroughputRecovery.Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());

    private record Watch(long[] fromOffsets, long sinceNanos, CompletableFuture<Duration> flowing) {}

    ResultFlow(String bootstrapServers, Map<String, Object> serdeConfig, String topic, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.serdeConfig = serdeConfig;
        this.topic = topic;
        this.highestCommandOffsets = new long[partitions];
        Arrays.fill(highestCommandOffsets, -1);
    }

    /** Completes with the time since {@code sinceNanos} once every partition has a result at or past its offset. */
    CompletableFuture<Duration> flowingAgain(long[] fromOffsets, long sinceNanos) {
        Watch next = new Watch(fromOffsets.clone(), sinceNanos, new CompletableFuture<>());
        if (watch.getAndSet(next) != null) {
            throw new IllegalStateException("one watch at a time");
        }
        return next.flowing();
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, SpecificRecord> consumer = Clients.consumer(bootstrapServers, serdeConfig, null)) {
            Clients.assignAllFromBeginning(consumer, topic);
            while (running.get()) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(POLL)) {
                    CommandResult result = (CommandResult) record.value();
                    int partition = result.getCommandPartition();
                    highestCommandOffsets[partition] =
                            Math.max(highestCommandOffsets[partition], result.getCommandOffset());
                    arrivals.add(
                            new ThroughputRecovery.Arrival(System.nanoTime(), partition, result.getCommandOffset()));
                }
                completeWatch();
            }
        } catch (RuntimeException e) {
            Watch current = watch.getAndSet(null);
            if (current != null) {
                current.flowing().completeExceptionally(e);
            }
            throw e;
        }
    }

    private void completeWatch() {
        Watch current = watch.get();
        if (current == null) {
            return;
        }
        for (int p = 0; p < highestCommandOffsets.length; p++) {
            if (highestCommandOffsets[p] < current.fromOffsets()[p]) {
                return;
            }
        }
        watch.set(null);
        current.flowing().complete(Duration.ofNanos(System.nanoTime() - current.sinceNanos()));
    }

    /** Every result seen so far, in arrival order. */
    List<ThroughputRecovery.Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    void stop() {
        running.set(false);
    }
}
