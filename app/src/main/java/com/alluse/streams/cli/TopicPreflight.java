package com.alluse.streams.cli;

import com.alluse.streams.client.AccessDenied;
import com.alluse.streams.client.Clients;
import com.alluse.streams.client.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Looks a topic up before a command uses it, so that an unreachable cluster or a wrong
 * --topic-prefix fails within {@link #TIMEOUT} with one sentence, instead of a client blocking on
 * metadata (and never auto-creating a pipeline topic with the wrong partition count).
 */
final class TopicPreflight {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** What the data commands need to know about a topic. */
    record TopicFacts(String topic, int partitions, TimestampWindow timestamps) {}

    private TopicPreflight() {}

    static TopicFacts describe(KafkaConnection kafka, String topic) {
        String bootstrapServers = kafka.bootstrapServers();
        Admin admin = createAdmin(kafka);
        try {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource);
            return new TopicFacts(topic, description.partitions().size(), timestampWindow(config));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Optional<KafkaException> denied = AccessDenied.in(cause);
            if (denied.isPresent()) {
                throw new CliFailure(
                        ExitCodes.NOT_AUTHORIZED,
                        AccessDenied.describe(denied.get(), kafka, "looking up topic " + topic),
                        cause);
            }
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new CliFailure(
                        ExitCodes.KAFKA_FAILURE,
                        "topic " + topic + " does not exist on " + bootstrapServers
                                + ": is the pipeline running there (alluse run), and is --topic-prefix right?",
                        cause);
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(bootstrapServers, cause);
            }
            throw new CliFailure(
                    ExitCodes.KAFKA_FAILURE,
                    "cannot describe topic " + topic + " on " + bootstrapServers + ": " + cause.getMessage(),
                    cause);
        } catch (TimeoutException e) {
            throw unreachable(bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.KAFKA_FAILURE, "interrupted while looking up topic " + topic, e);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    private static Admin createAdmin(KafkaConnection kafka) {
        String bootstrapServers = kafka.bootstrapServers();
        int timeoutMs = (int) TIMEOUT.toMillis();
        try {
            return Clients.admin(kafka, timeoutMs);
        } catch (KafkaException e) {
            // e.g. no resolvable bootstrap address
            throw new CliFailure(
                    ExitCodes.KAFKA_FAILURE,
                    "cannot connect to Kafka at " + bootstrapServers + ": "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    e);
        }
    }

    private static CliFailure unreachable(String bootstrapServers, Throwable cause) {
        return new CliFailure(
                ExitCodes.KAFKA_FAILURE,
                "cannot reach Kafka at " + bootstrapServers + " within " + TIMEOUT.toSeconds()
                        + " s: is it running (alluse run), and is --bootstrap-servers right?",
                cause);
    }

    /** An entry the broker does not report (an older broker) is left for the broker to judge. */
    private static TimestampWindow timestampWindow(Config config) {
        ConfigEntry type = config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        boolean logAppendTime = type != null && "LogAppendTime".equals(type.value());
        return new TimestampWindow(
                logAppendTime,
                millis(config.get(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG)),
                millis(config.get(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG)));
    }

    private static long millis(ConfigEntry entry) {
        if (entry == null || entry.value() == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(entry.value());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
