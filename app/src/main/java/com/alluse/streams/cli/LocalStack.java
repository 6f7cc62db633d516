package com.alluse.streams.cli;

import com.alluse.streams.localstack.EmbeddedKafkaBroker;
import com.alluse.streams.localstack.EmbeddedKafkaConfig;
import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import java.nio.file.Path;

/** The embedded default: a local KRaft broker and an in-memory schema registry served over HTTP. */
final class LocalStack implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    private final EmbeddedKafkaBroker broker;
    private final InMemorySchemaRegistryServer registry;

    private LocalStack(EmbeddedKafkaBroker broker, InMemorySchemaRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
    }

    static LocalStack start(Path dataDir, int kafkaPort, int registryPort, int partitions) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.builder(dataDir.resolve("kafka"))
                .port(kafkaPort)
                .defaultPartitions(partitions)
                .build());
        try {
            return new LocalStack(broker, InMemorySchemaRegistryServer.start(LOOPBACK, registryPort));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
