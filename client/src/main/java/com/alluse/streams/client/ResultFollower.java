package com.alluse.streams.client;

import com.alluse.streams.avro.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
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
 */
public final class ResultFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultFollower.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long JOIN_TIMEOUT_MS = 10_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

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

    private final KafkaConsumer<String, CommandResult> consumer;
    private final int maxPending;
    private final Listener listener;
    private final Map<String, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /** Starts following {@code results} with a consumer of its own (no group), closed by {@link #close}. */
    public ResultFollower(
            String bootstrapServers,
            Topic<String, CommandResult> results,
            StartAt startAt,
            int maxPending,
            Listener listener,
            String threadName) {
        if (maxPending < 0) {
            throw new IllegalArgumentException("maxPending must not be negative, got " + maxPending);
        }
        this.consumer = Clients.consumer(bootstrapServers, results, null);
        String resultsTopic = results.name();
        this.maxPending = maxPending;
        this.listener = listener;
        if (startAt == StartAt.END) {
            Clients.assignAllAtEnd(consumer, resultsTopic);
            // seekToEnd is lazy: resolve the positions now, before any command is sent.
            for (TopicPartition partition : consumer.assignment()) {
                consumer.position(partition);
            }
        } else {
            Clients.assignAllFromBeginning(consumer, resultsTopic);
        }
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

    /** Whether the follower still reads; when not, {@link #failure()} says why. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** What stopped the follower, or null. */
    public RuntimeException failure() {
        return failure;
    }

    private void follow() {
        try {
            while (running) {
                ConsumerRecords<String, CommandResult> batch = consumer.poll(POLL);
                long receivedNanos = System.nanoTime();
                List<CommandResult> results = new ArrayList<>(batch.count());
                for (ConsumerRecord<String, CommandResult> record : batch) {
                    CommandResult result = record.value();
                    results.add(result);
                    CompletableFuture<CommandResult> future =
                            pending.get(key(result.getPortfolioId(), result.getCommandId()));
                    if (future != null) {
                        future.complete(result);
                    }
                }
                if (listener != null) {
                    listener.onResults(results, receivedNanos);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "Result follower {} stopped; expected results will not arrive",
                    Thread.currentThread().getName(),
                    e);
            failure = e;
        } finally {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    private static String key(String portfolioId, String commandId) {
        return portfolioId + "/" + commandId;
    }

    @Override
    public void close() {
        try {
            running = false;
            thread.join(JOIN_TIMEOUT_MS);
            if (thread.isAlive()) {
                consumer.wakeup();
                thread.join(JOIN_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            // Closing must not throw: keep the interrupt for the caller to see.
            Thread.currentThread().interrupt();
        }
    }
}
