package com.alluse.streams.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Guards against KAFKA-15591 (fixed only in Kafka 4.5): records produced right after {@code createTopics}
 * can be lost silently, even with an idempotent producer and acks=all. A topic is safe to produce to once
 * every partition has a leader and answers a {@code listOffsets(latest)} request.
 */
public final class TopicReadiness {

    private static final long RETRY_PAUSE_MS = 50;
    private static final long MAX_REQUEST_MS = 5_000;

    private TopicReadiness() {}

    /** Creates the topics, then {@link #awaitWritable waits until they are writable}, all within the timeout. */
    public static void createAndAwaitWritable(Admin admin, Collection<NewTopic> topics, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        CreateTopicsOptions options = new CreateTopicsOptions().timeoutMs(requestTimeoutMs(deadline));
        get(admin.createTopics(topics, options).all(), deadline);
        List<String> names = topics.stream().map(NewTopic::name).toList();
        awaitWritable(admin, names, Duration.ofMillis(deadline.remainingMs()));
    }

    /**
     * Blocks until every partition of the topics has a leader and answers {@code listOffsets(latest)}.
     *
     * @throws TimeoutException when that does not happen within the timeout; the message names the last error
     */
    public static void awaitWritable(Admin admin, Collection<String> topics, Duration timeout) {
        Objects.requireNonNull(admin, "admin");
        Deadline deadline = Deadline.after(timeout);
        Exception lastError = null;
        while (!deadline.isExpired()) {
            try {
                listLatestOffsets(admin, topics, deadline);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException | LeaderMissing e) {
                // A broker's answer (e.g. unknown topic) explains more than a later attempt that ran out of time.
                if (lastError == null || !(e instanceof java.util.concurrent.TimeoutException)) {
                    lastError = e;
                }
                deadline.pause(RETRY_PAUSE_MS);
            }
        }
        throw new TimeoutException(
                "topics " + topics + " not writable within " + timeout.toMillis() + " ms; last error: "
                        + describe(lastError),
                lastError);
    }

    private static void listLatestOffsets(Admin admin, Collection<String> topics, Deadline deadline)
            throws ExecutionException, java.util.concurrent.TimeoutException, LeaderMissing {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition partition : partitionsWithLeader(admin, topics, deadline)) {
            latest.put(partition, OffsetSpec.latest());
        }
        ListOffsetsOptions options = new ListOffsetsOptions().timeoutMs(requestTimeoutMs(deadline));
        waitFor(admin.listOffsets(latest, options).all(), deadline);
    }

    private static List<TopicPartition> partitionsWithLeader(Admin admin, Collection<String> topics, Deadline deadline)
            throws ExecutionException, java.util.concurrent.TimeoutException, LeaderMissing {
        DescribeTopicsOptions options = new DescribeTopicsOptions().timeoutMs(requestTimeoutMs(deadline));
        Map<String, TopicDescription> descriptions =
                waitFor(admin.describeTopics(topics, options).allTopicNames(), deadline);
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription description : descriptions.values()) {
            for (TopicPartitionInfo info : description.partitions()) {
                if (info.leader() == null || info.leader().isEmpty()) {
                    throw new LeaderMissing(description.name() + "-" + info.partition());
                }
                partitions.add(new TopicPartition(description.name(), info.partition()));
            }
        }
        return partitions;
    }

    private static <T> T get(KafkaFuture<T> future, Deadline deadline) {
        try {
            return waitFor(future, deadline);
        } catch (ExecutionException e) {
            // Keep Kafka's exception types (e.g. TopicExistsException) visible to callers.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(describe(e), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("admin request did not complete in time", e);
        }
    }

    private static <T> T waitFor(KafkaFuture<T> future, Deadline deadline)
            throws ExecutionException, java.util.concurrent.TimeoutException {
        try {
            return future.get(deadline.remainingMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    private static int requestTimeoutMs(Deadline deadline) {
        return (int) Math.max(1, Math.min(MAX_REQUEST_MS, deadline.remainingMs()));
    }

    private static String describe(Exception error) {
        if (error == null) {
            return "none";
        }
        if (error instanceof java.util.concurrent.TimeoutException) {
            return "no answer from the broker in time";
        }
        Throwable cause = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** A partition without a leader cannot take writes yet. */
    private static final class LeaderMissing extends Exception {
        private static final long serialVersionUID = 1L;

        LeaderMissing(String partition) {
            super("partition " + partition + " has no leader yet");
        }
    }
}
