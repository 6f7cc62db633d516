package com.alluse.streams.http;

import com.alluse.streams.avro.CommandResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the command-results topic (read_committed, every partition, from the end at start)
 * and hands each result to the HTTP request waiting for it. The number of waiting requests is
 * bounded; beyond it a submission is refused with 503 rather than queued without limit.
 */
final class ResultWaiter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultWaiter.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final int maxWaiting;
    private final Map<String, CompletableFuture<CommandResult>> waiting = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ResultWaiter(KafkaConsumer<String, SpecificRecord> consumer, String resultsTopic, int maxWaiting) {
        this.consumer = consumer;
        this.maxWaiting = maxWaiting;
        List<TopicPartition> partitions = consumer.partitionsFor(resultsTopic).stream()
                .map(info -> new TopicPartition(resultsTopic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::follow, "alluse-result-waiter");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Registers interest before the command is sent, so its result cannot be missed. */
    CompletableFuture<CommandResult> expect(String portfolioId, String commandId) {
        if (waiting.size() >= maxWaiting) {
            throw ApiProblem.unavailable("too many commands are waiting for their results (" + maxWaiting + ")");
        }
        CompletableFuture<CommandResult> future = new CompletableFuture<>();
        CompletableFuture<CommandResult> existing = waiting.putIfAbsent(key(portfolioId, commandId), future);
        return existing != null ? existing : future;
    }

    /** The result, or empty when it did not arrive in time (the command may still be processed). */
    Optional<CommandResult> await(String portfolioId, String commandId, CompletableFuture<CommandResult> future, Duration timeout) {
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
            waiting.remove(key(portfolioId, commandId), future);
        }
    }

    private void follow() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(POLL)) {
                    if (record.value() instanceof CommandResult result) {
                        CompletableFuture<CommandResult> future = waiting.get(key(result.getPortfolioId(), result.getCommandId()));
                        if (future != null) {
                            future.complete(result);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Result follower stopped; command submissions will answer 202 until restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static String key(String portfolioId, String commandId) {
        return portfolioId + "/" + commandId;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
