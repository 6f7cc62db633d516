package com.alluse.streams.loadtest;

import com.alluse.streams.localstack.EmbeddedKafkaBroker;
import com.alluse.streams.localstack.EmbeddedKafkaConfig;
import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One embedded broker and one schema registry on loopback, in this JVM, shared by every scenario
 * of a run (each on its own topics), so all figures come from the same broker on the same cores.
 */
final class BenchmarkEnvironment implements AutoCloseable {
    private final Path workDir;
    private final EmbeddedKafkaBroker broker;
    private final InMemorySchemaRegistryServer registry;
    private final Map<String, Object> serdeConfig;

    private BenchmarkEnvironment(Path workDir, EmbeddedKafkaBroker broker, InMemorySchemaRegistryServer registry) {
        this.workDir = workDir;
        this.broker = broker;
        this.registry = registry;
        this.serdeConfig = Map.of("schema.registry.url", registry.url());
    }

    static BenchmarkEnvironment start(Path workDir) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                EmbeddedKafkaConfig.builder(workDir.resolve("kafka")).build());
        try {
            return new BenchmarkEnvironment(workDir, broker, InMemorySchemaRegistryServer.start("127.0.0.1", 0));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    Map<String, Object> serdeConfig() {
        return serdeConfig;
    }

    Path workDir() {
        return workDir;
    }

    Path kafkaDir() {
        return workDir.resolve("kafka");
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
