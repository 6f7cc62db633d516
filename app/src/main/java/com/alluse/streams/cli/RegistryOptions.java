package com.alluse.streams.cli;

import com.alluse.streams.client.TopicNames;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the schema registry is and which topics' subjects: shared by the data commands and `schemas`. */
final class RegistryOptions {
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

    TopicNames topics() {
        return TopicNames.withPrefix(topicPrefix);
    }

    /** Serde settings under Confluent's names. */
    Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", schemaRegistryUrl);
    }
}
