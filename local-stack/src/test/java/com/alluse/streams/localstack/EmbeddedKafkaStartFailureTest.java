package com.alluse.streams.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EmbeddedKafkaStartFailureTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldFailFastWithClearMessageWhenPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(dataDir)
                    .port(taken.getLocalPort())
                    .build();

            long startNanos = System.nanoTime();
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(config))
                    .isInstanceOf(EmbeddedKafkaStartException.class)
                    .hasMessage("Kafka broker cannot start: port 127.0.0.1:" + taken.getLocalPort()
                            + " is already in use (another broker running?)");
            assertThat(elapsedSince(startNanos)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void shouldFailWithinStartTimeoutWhenBrokerCannotBecomeReadyAndReleaseTheDataDir() {
        long startTimeoutMs = 4_000;
        // Requests larger than 64 bytes are refused: the broker can never register with its controller.
        EmbeddedKafkaConfig neverReady = EmbeddedKafkaConfig.builder(dataDir)
                .startTimeoutMs(startTimeoutMs)
                .brokerProperty("socket.request.max.bytes", "64")
                .build();

        long startNanos = System.nanoTime();
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(neverReady))
                .isInstanceOf(EmbeddedKafkaStartException.class)
                .hasMessageContaining("did not start within " + startTimeoutMs + " ms")
                .hasMessageContaining("data dir " + dataDir)
                .hasMessageContaining("Timed out while waiting for the controller");
        assertThat(elapsedSince(startNanos)).isLessThan(Duration.ofMillis(startTimeoutMs + 5_000));

        // Everything of the failed broker was shut down: the data dir and its ports are free for a new one.
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.builder(dataDir).build())) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
        }
    }

    @Test
    void shouldRefuseASecondBrokerOnTheSameDataDirAndKeepTheFirstServing() throws Exception {
        try (EmbeddedKafkaBroker first =
                EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.builder(dataDir).build())) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(
                            EmbeddedKafkaConfig.builder(dataDir).build()))
                    .isInstanceOf(EmbeddedKafkaStartException.class)
                    .hasMessageContaining("data dir " + dataDir + " is in use by another embedded broker");

            try (Admin admin = KafkaTestClients.admin(first.bootstrapServers())) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(first.clusterId());
            }
        }
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
