package com.alluse.streams.topology;

import java.nio.file.Path;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The exactly-once tests of {@link ExactlyOnceLedgerIT} against a real {@code apache/kafka} broker
 * in a container, the same release as the clients, where a Docker engine exists; where none does
 * (as on the project's build machine) JUnit reports the class skipped with Testcontainers' reason.
 */
@Testcontainers(disabledWithoutDocker = true)
class ExactlyOnceLedgerContainerIT extends ExactlyOnceLedgerIT {
    private static final String KAFKA_IMAGE = "apache/kafka:4.3.1";

    @Container
    private final KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);

    @Override
    BrokerFixture startBroker(Path dataDir) {
        // Testcontainers starts the container before each test and stops it after; the fixture leaves it be.
        return BrokerFixture.onBroker(container.getBootstrapServers(), dataDir);
    }
}
