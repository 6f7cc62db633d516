package com.alluse.streams.cli;

import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.TopicNames;
import java.util.Map;
import picocli.CommandLine.Mixin;
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

    @Mixin
    RegistryOptions registry;

    @Mixin
    KafkaSecurityOptions security = new KafkaSecurityOptions();

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The cluster with the security settings every client of the command is created with. */
    KafkaConnection kafka() {
        return security.connection(bootstrapServers);
    }

    TopicNames topics() {
        return registry.topics();
    }

    /** Serde settings under Confluent's names. */
    Map<String, Object> serdeConfig() {
        return registry.serdeConfig();
    }
}
