package com.alluse.streams.simulator;

import com.alluse.streams.client.Clients;
import com.alluse.streams.client.Deadline;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one pipeline output from its beginning, committed records only, without a consumer group, and hands
 * every value to a handler on the caller's thread. Every read is bounded by a deadline and fails with a message
 * saying what it was waiting for.
 */
final class TopicTail<V> implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final KafkaConsumer<String, V> consumer;

    TopicTail(KafkaConnection connection, Topic<String, V> topic) {
        this.name = topic.name();
        this.consumer = Clients.consumer(connection, topic, null);
        Clients.assignAllFromBeginning(consumer, name);
    }

    /** Reads everything committed up to now (the last stable offsets as of this call). */
    void readToEnd(Consumer<V> handler, Deadline deadline) {
        Map<TopicPartition, Long> end =
                consumer.endOffsets(consumer.assignment(), Duration.ofMillis(deadline.remainingMs()));
        readUntil(
                handler,
                () -> end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue()),
                deadline,
                () -> "the end of " + name + " " + end);
    }

    /** Reads until {@code done} holds, checked after every poll. */
    void readUntil(Consumer<V> handler, BooleanSupplier done, Deadline deadline, Supplier<String> waitingFor) {
        while (!done.getAsBoolean()) {
            if (deadline.isExpired()) {
                throw new SimulationTimeoutException("timed out on " + name + " waiting for " + waitingFor.get());
            }
            for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
                handler.accept(record.value());
            }
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    }
}
