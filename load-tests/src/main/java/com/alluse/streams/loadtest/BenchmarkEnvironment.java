package com.alluse.streams.loadtest;

import com.alluse.streams.localstack.EmbeddedKafkaBroker;
import com.alluse.streams.localstack.EmbeddedKafkaConfig;
import com.alluse.streams.localstack.EmbeddedKafkaProcess;
import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One embedded broker and one schema registry on loopback, shared by every scenario of a run
 * (each on its own topics), so all figures come from the same broker on the same cores. The
 * broker runs in this JVM, or in a child JVM of its own ({@code --broker-process}), so that this
 * process's RSS and CPU are the pipeline's and the load generator's without the broker's.
 */
final class BenchmarkEnvironment implements AutoCloseable {
    private final Path workDir;
    private final Runnable closeBroker;
    private final String bootstrapServers;
    private final ProcessHandle brokerProcess;
    private final InMemorySchemaRegistryServer registry;
    private final Map<String, Object> serdeConfig;

    private BenchmarkEnvironment(
            Path workDir,
            Runnable closeBroker,
            String bootstrapServers,
            ProcessHandle brokerProcess,
            InMemorySchemaRegistryServer registry) {
        this.workDir = workDir;
        this.closeBroker = closeBroker;
        this.bootstrapServers = bootstrapServers;
        this.brokerProcess = brokerProcess;
        this.registry = registry;
        this.serdeConfig = Map.of("schema.registry.url", registry.url());
    }

    /** @param brokerInOwnProcess the broker in a child JVM instead of this one */
    static BenchmarkEnvironment start(Path workDir, boolean brokerInOwnProcess) {
        Path kafkaDir = workDir.resolve("kafka");
        Runnable closeBroker;
        String bootstrapServers;
        ProcessHandle brokerProcess = null;
        if (brokerInOwnProcess) {
            EmbeddedKafkaProcess child = EmbeddedKafkaProcess.builder(kafkaDir).start();
            closeBroker = child::close;
            bootstrapServers = child.bootstrapServers();
            brokerProcess = child.process().toHandle();
        } else {
            EmbeddedKafkaBroker inProcess = EmbeddedKafkaBroker.start(
                    EmbeddedKafkaConfig.builder(kafkaDir).build());
            closeBroker = inProcess::close;
            bootstrapServers = inProcess.bootstrapServers();
        }
        try {
            return new BenchmarkEnvironment(
                    workDir,
                    closeBroker,
                    bootstrapServers,
                    brokerProcess,
                    InMemorySchemaRegistryServer.start("127.0.0.1", 0));
        } catch (RuntimeException e) {
            closeBroker.run();
            throw e;
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
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

    /** Whether the broker runs in a JVM of its own, so this process's RSS leaves it out. */
    boolean brokerInOwnProcess() {
        return brokerProcess != null;
    }

    /** VmRSS of the broker's own process; -1 when it runs in this one (its memory is in this process's RSS). */
    long brokerResidentBytes() {
        return brokerProcess == null ? -1 : ProcessMemory.residentBytes(brokerProcess.pid());
    }

    @Override
    public void close() {
        registry.close();
        closeBroker.run();
    }
}
