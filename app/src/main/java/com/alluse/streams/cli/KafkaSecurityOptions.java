package com.alluse.streams.cli;

import com.alluse.streams.client.KafkaConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How the app and the CLI authenticate to Kafka. Secrets never go on the command line (ps shows it): the
 * settings come from a file, the JAAS line optionally from the environment (a Kubernetes secret).
 */
final class KafkaSecurityOptions {
    static final String JAAS_ENV = "ALLUSE_KAFKA_SASL_JAAS_CONFIG";

    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            defaultValue = "${env:ALLUSE_KAFKA_CONFIG}",
            description = "Kafka client security settings (security.protocol, sasl.*, ssl.*) as a properties file, "
                    + "like kafka-*.sh --command-config (env ALLUSE_KAFKA_CONFIG). Env " + JAAS_ENV
                    + " overrides its sasl.jaas.config. None: PLAINTEXT.")
    Path configFile;

    /** @throws IllegalArgumentException if the file cannot be read or holds settings other than security ones */
    KafkaConnection connection(String bootstrapServers) {
        return KafkaConnection.of(bootstrapServers, configFile, System.getenv(JAAS_ENV));
    }
}
