package com.alluse.streams.topology;

import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.reconciliation.ReconciliationConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the topology needs besides Kafka Streams' own settings.
 *
 * @param partitions partitions of every pipeline topic; commands and calendar must match (co-partitioned)
 * @param replicationFactor replication of the pipeline topics created by the app
 * @param idempotencyRetention how long a command id is remembered, measured in stream time
 * @param serdeConfig schema registry settings under Confluent's names (schema.registry.url, ...)
 * @param reconciliation tolerance, history and waiting of the broker-snapshot reconciliation
 */
public record PipelineConfig(
        TopicNames topics,
        int partitions,
        short replicationFactor,
        Duration idempotencyRetention,
        RulesConfig rules,
        Map<String, Object> serdeConfig,
        ReconciliationConfig reconciliation) {

    public static final int MAX_PARTITIONS = 10_000;

    /** With the reconciliation at its defaults. */
    public PipelineConfig(
            TopicNames topics,
            int partitions,
            short replicationFactor,
            Duration idempotencyRetention,
            RulesConfig rules,
            Map<String, Object> serdeConfig) {
        this(
                topics,
                partitions,
                replicationFactor,
                idempotencyRetention,
                rules,
                serdeConfig,
                ReconciliationConfig.DEFAULTS);
    }

    public PipelineConfig {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(reconciliation, "reconciliation");
        Objects.requireNonNull(rules, "rules");
        serdeConfig = Map.copyOf(serdeConfig);
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException(
                    "partitions must be within 1.." + MAX_PARTITIONS + ", got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, got " + replicationFactor);
        }
        if (idempotencyRetention.isNegative() || idempotencyRetention.toMinutes() < 1) {
            throw new IllegalArgumentException(
                    "idempotencyRetention must be at least one minute, got " + idempotencyRetention);
        }
        if (!serdeConfig.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("serdeConfig needs schema.registry.url");
        }
    }

    public PipelineConfig withReconciliation(ReconciliationConfig newReconciliation) {
        return new PipelineConfig(
                topics, partitions, replicationFactor, idempotencyRetention, rules, serdeConfig, newReconciliation);
    }
}
