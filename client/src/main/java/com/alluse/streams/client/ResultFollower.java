package com.alluse.streams.client;

import com.alluse.streams.avro.CommandResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the command-results topic on a thread of its own (read_committed, every partition, no
 * consumer group) and completes the future of each command a caller {@link #expect expects}.
 * Register interest before sending a command, so that its result cannot be missed.
 *
 * <p>The number of pending commands is bounded: beyond {@code maxPending}, {@link #expect} refuses
 * with {@link TooManyPendingException} rather than holding futures without limit. Results nobody
 * expects are only handed to the optional {@link Listener}.
 *
 * <p>It heals: when its consumer throws (broker trouble, a record it cannot decode, a listener that
 * throws), the consumer is closed and a new one resumes <em>where the old one stopped</em>, after a
 * backoff of 100 ms doubling up to 30 s (reset once a consumer has read for 30 s). Resuming rather
 * than starting at the end again means results written while it was down still complete the
 * futures waiting for them; an undecodable record is logged with its position and skipped, so it
 * cannot fail every new consumer. Partitions it had no position on start as {@code startAt} says.
 * {@link #restarts()} and {@link #isRunning()} are what a metric reads.
 */
public final class ResultFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultFollower.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long JOIN_TIMEOUT_MS = 10_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    static final long INITIAL_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 30_000;

    /** Where the follower starts reading. */
    public enum StartAt {
        /** Only results written from now on: positions are resolved before the constructor returns. */
        END,
        /** Every retained result. */
        BEGINNING
    }

    /** Sees every result read, on the follower's thread; it must not block. */
    @FunctionalInterface
    public interface Listener {
        void onResults(List<CommandResult> results, long receivedNanos);
    }

    /** Refused because {@code maxPending} commands are already waiting for their results. */
    public static final class TooManyPendingException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TooManyPendingException(int maxPending) {
            super("too many commands are waiting for their results (" + maxPending + ")");
        }
    }

    private final KafkaConnection connection;
    /** The caller's serdes, closed once when the follower stops. */
    private final Topic<String, CommandResult> serdes;
    /** The same serdes, kept open when a failed consumer closes: each new consumer reuses them. */
    private final Topic<String, CommandResult> results;

    private final StartAt startAt;
    private final int maxPending;
    private final Listener listener;
    private final Map<String, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    /** The next offset to read per partition; only the follower's thread touches it once started. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();

    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong restarts = new AtomicLong();
    private volatile KafkaConsumer<String, CommandResult> consumer;
    private volatile boolean up;
    private volatile RuntimeException failure;

    /** Starts following {@code results} with a consumer of its own (no group), closed by {@link #close}. */
    public ResultFollower(
            KafkaConnection connection,
            Topic<String, CommandResult> results,
            StartAt startAt,
            int maxPending,
            Listener listener,
            String threadName) {
        if (maxPending < 0) {
            throw new IllegalArgumentException("maxPending must not be negative, got " + maxPending);
        }
        this.connection = connection;
        this.serdes = results;
        this.results = new Topic<>(results.name(), keptOpen(results.keySerde()), keptOpen(results.valueSerde()));
        this.startAt = startAt;
        this.maxPending = maxPending;
        this.listener = listener;
        this.consumer = newConsumer();
        if (startAt == StartAt.END) {
            // seekToEnd is lazy: resolve the positions now, before any command is sent.
            for (TopicPartition partition : consumer.assignment()) {
                positions.put(partition, consumer.position(partition));
            }
        }
        this.up = true;
        this.thread = new Thread(this::follow, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The future of this command's result; the same future when the command is already expected. */
    public CompletableFuture<CommandResult> expect(String portfolioId, String commandId) {
        if (pending.size() >= maxPending) {
            throw new TooManyPendingException(maxPending);
        }
        return pending.computeIfAbsent(key(portfolioId, commandId), ignored -> new CompletableFuture<>());
    }

    /** The result, or empty when it did not arrive in time (the command may still be processed); then forgets it. */
    public Optional<CommandResult> await(
            String portfolioId, String commandId, CompletableFuture<CommandResult> future, Duration timeout) {
        try {
            return Optional.of(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            pending.remove(key(portfolioId, commandId), future);
        }
    }

    /** Commands expected and not yet answered. */
    public int pendingCount() {
        return pending.size();
    }

    /** Whether a consumer is reading now: false while it waits to restart, and after {@link #close}. */
    public boolean isRunning() {
        return up && thread.isAlive();
    }

    /** How many times a failed consumer was replaced by a new one. */
    public long restarts() {
        return restarts.get();
    }

    /** The latest error that stopped a consumer (it may have been healed since), or null if none ever did. */
    public RuntimeException failure() {
        return failure;
    }

    private void follow() {
        long backoffMs = INITIAL_BACKOFF_MS;
        while (!stopping()) {
            long startedNanos = System.nanoTime();
            try {
                if (consumer == null) {
                    consumer = resume();
                    up = true;
                }
                read(consumer);
            } catch (WakeupException e) {
                // Only close() wakes the consumer up.
            } catch (RuntimeException e) {
                failure = e;
                if (System.nanoTime() - startedNanos >= TimeUnit.MILLISECONDS.toNanos(MAX_BACKOFF_MS)) {
                    backoffMs = INITIAL_BACKOFF_MS;
                }
                skipIfUndecodable(e, backoffMs);
            } finally {
                up = false;
                closeConsumer();
            }
            if (stopping() || !awaitBackoff(backoffMs)) {
                break;
            }
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            restarts.incrementAndGet();
        }
        serdes.keySerde().deserializer().close();
        serdes.valueSerde().deserializer().close();
    }

    /** A serde whose deserializer ignores close(): a closed registry client cannot decode for the next consumer. */
    private static <T> Serde<T> keptOpen(Serde<T> serde) {
        Deserializer<T> shared = serde.deserializer();
        Deserializer<T> keptOpen = new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return shared.deserialize(topic, data);
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                return shared.deserialize(topic, headers, data);
            }

            @Override
            public T deserialize(String topic, Headers headers, ByteBuffer data) {
                return shared.deserialize(topic, headers, data);
            }

            @Override
            public void close() {
                // Closed once, by the follower itself, when it stops.
            }
        };
        return Serdes.serdeFrom(serde.serializer(), keptOpen);
    }

    private void read(KafkaConsumer<String, CommandResult> reader) {
        while (!stopping()) {
            ConsumerRecords<String, CommandResult> batch = reader.poll(POLL);
            long receivedNanos = System.nanoTime();
            List<CommandResult> read = new ArrayList<>(batch.count());
            for (ConsumerRecord<String, CommandResult> record : batch) {
                positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                CommandResult result = record.value();
                read.add(result);
                CompletableFuture<CommandResult> future =
                        pending.get(key(result.getPortfolioId(), result.getCommandId()));
                if (future != null) {
                    future.complete(result);
                }
            }
            if (listener != null) {
                listener.onResults(read, receivedNanos);
            }
        }
    }

    /** A consumer of every partition, at the positions reached so far, else where {@code startAt} says. */
    private KafkaConsumer<String, CommandResult> resume() {
        KafkaConsumer<String, CommandResult> next = newConsumer();
        try {
            for (TopicPartition partition : next.assignment()) {
                Long position = positions.get(partition);
                if (position != null) {
                    next.seek(partition, position);
                }
            }
            return next;
        } catch (RuntimeException e) {
            next.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            throw e;
        }
    }

    private KafkaConsumer<String, CommandResult> newConsumer() {
        KafkaConsumer<String, CommandResult> next = Clients.consumer(connection, results, null);
        try {
            if (startAt == StartAt.END) {
                Clients.assignAllAtEnd(next, results.name());
            } else {
                Clients.assignAllFromBeginning(next, results.name());
            }
            return next;
        } catch (RuntimeException e) {
            next.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            throw e;
        }
    }

    private void skipIfUndecodable(RuntimeException e, long backoffMs) {
        String name = Thread.currentThread().getName();
        if (e instanceof RecordDeserializationException undecodable) {
            positions.put(undecodable.topicPartition(), undecodable.offset() + 1);
            LOG.error(
                    "Result follower {} skips the undecodable record at {}@{} and restarts in about {} ms",
                    name,
                    undecodable.topicPartition(),
                    undecodable.offset(),
                    backoffMs,
                    e);
        } else {
            LOG.error(
                    "Result follower {} stopped; it restarts where it was in about {} ms, awaited results arrive then",
                    name,
                    backoffMs,
                    e);
        }
    }

    /** True when the backoff passed, false when {@link #close} came first. */
    private boolean awaitBackoff(long backoffMs) {
        try {
            return !closing.await(backoffMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean stopping() {
        return closing.getCount() == 0;
    }

    private void closeConsumer() {
        KafkaConsumer<String, CommandResult> current = consumer;
        consumer = null;
        if (current != null) {
            current.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    private static String key(String portfolioId, String commandId) {
        return portfolioId + "/" + commandId;
    }

    @Override
    public void close() {
        try {
            closing.countDown();
            thread.join(JOIN_TIMEOUT_MS);
            KafkaConsumer<String, CommandResult> current = consumer;
            if (thread.isAlive() && current != null) {
                current.wakeup();
                thread.join(JOIN_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            // Closing must not throw: keep the interrupt for the caller to see.
            Thread.currentThread().interrupt();
        }
    }
}
