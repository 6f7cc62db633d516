package com.alluse.streams.cli;

import com.alluse.streams.client.TopicNames;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the pipeline's Kafka cluster, schema registry and topics are: shared by produce, consume and calendar. */
final class ConnectionOptions {
    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:ALLUSE_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description =
                    "Kafka cluster (env ALLUSE_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}, the embedded broker of `alluse run`).")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            defaultValue = "${env:ALLUSE_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081}",
            description =
                    "Schema registry, Confluent REST API (env ALLUSE_SCHEMA_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            defaultValue = "alluse.",
            description = "Prefix of every pipeline topic, as given to `alluse run` (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    String bootstrapServers() {
        return bootstrapServers;
    }

    TopicNames topics() {
        return TopicNames.withPrefix(topicPrefix);
    }

    /** Serde settings under Confluent's names. */
    Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", schemaRegistryUrl);
    }
}
