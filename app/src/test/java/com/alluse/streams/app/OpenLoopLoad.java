package com.alluse.streams.app;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.client.Clients;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Open-loop load: sends the commands at a fixed rate whatever the pipeline does (a stalled
 * partition does not slow it down), and remembers the last acknowledged offset per partition.
 */
final class OpenLoopLoad implements Runnable {
    private final String bootstrapServers;
    private final Map<String, Object> serdeConfig;
    private final String topic;
    private final List<AccountCommand> commands;
    private final long intervalNanos;
    private final AtomicLongArray lastAckedOffsets;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    final List<Exception> sendFailures = new CopyOnWriteArrayList<>();

    OpenLoopLoad(
            String bootstrapServers,
            Map<String, Object> serdeConfig,
            String topic,
            int partitions,
            List<AccountCommand> commands,
            int commandsPerSecond) {
        this.bootstrapServers = bootstrapServers;
        this.serdeConfig = serdeConfig;
        this.topic = topic;
        this.commands = commands;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / commandsPerSecond;
        this.lastAckedOffsets = new AtomicLongArray(partitions);
        for (int p = 0; p < partitions; p++) {
            lastAckedOffsets.set(p, -1);
        }
    }

    @Override
    public void run() {
        long startNanos = System.nanoTime();
        try (KafkaProducer<String, SpecificRecord> producer = Clients.producer(bootstrapServers, serdeConfig)) {
            for (AccountCommand command : commands) {
                if (!running.get()) {
                    return;
                }
                // Pacing of an open-loop load, not synchronisation: the schedule ignores the pipeline.
                LockSupport.parkNanos(startNanos + sent.get() * intervalNanos - System.nanoTime());
                producer.send(new ProducerRecord<>(topic, command.getPortfolioId(), command), (metadata, error) -> {
                    if (error != null) {
                        sendFailures.add(error);
                    } else {
                        lastAckedOffsets.accumulateAndGet(metadata.partition(), metadata.offset(), Math::max);
                    }
                });
                sent.incrementAndGet();
            }
        }
    }

    /** Stops sending; the producer's close flushes what was sent. */
    void stop() {
        running.set(false);
    }

    boolean exhausted() {
        return sent.get() == commands.size();
    }

    int sent() {
        return sent.get();
    }

    /** Per partition, the offset the next acknowledged command will have at least. */
    long[] nextOffsets() {
        long[] next = new long[lastAckedOffsets.length()];
        for (int p = 0; p < next.length; p++) {
            next[p] = lastAckedOffsets.get(p) + 1;
        }
        return next;
    }
}
