package com.alluse.streams.app;

import com.alluse.streams.client.Clients;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Counts the committed command results on a topic that may also hold records that are not
 * results (a fault injected onto it): one consumer reads raw bytes from the beginning and keeps
 * its positions, so each wait reads only what is new, and it survives a broker outage (the
 * client reconnects).
 */
final class ResultCounter implements AutoCloseable {
    /** Byte 0 of the Confluent wire format; the injected garbage never starts with it. */
    private static final byte MAGIC = 0;

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private long results;

    ResultCounter(String bootstrapServers, String resultsTopic) {
        consumer = Clients.rawConsumer(bootstrapServers);
        Clients.assignAllFromBeginning(consumer, resultsTopic);
    }

    /** Reads until at least {@code expected} results were counted in all; false when the time ran out. */
    boolean awaitAtLeast(long expected, Duration timeout) {
        return awaitAtLeastWhileFlowing(expected, timeout, timeout);
    }

    /**
     * Reads until at least {@code expected} results were counted in all; false when no new result
     * came for {@code stall}, or {@code limit} passed. A backlog that is being worked off is waited
     * for however large it is (up to the limit); an output that stopped is reported after the stall.
     */
    boolean awaitAtLeastWhileFlowing(long expected, Duration stall, Duration limit) {
        long now = System.nanoTime();
        long deadline = now + limit.toNanos();
        long stalledAt = now + stall.toNanos();
        while (results < expected) {
            now = System.nanoTime();
            if (now > deadline || now > stalledAt) {
                return false;
            }
            long before = results;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                byte[] value = record.value();
                if (value != null && value.length > 5 && value[0] == MAGIC) {
                    results++;
                }
            }
            if (results > before) {
                stalledAt = System.nanoTime() + stall.toNanos();
            }
        }
        return true;
    }

    long results() {
        return results;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
