package com.alluse.streams.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

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
            EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(dataDir).port(taken.getLocalPort()).build();

            long startNanos = System.nanoTime();
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(config))
                    .isInstanceOf(EmbeddedKafkaStartException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + " is already in use");
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void shouldFailWithinStartTimeoutAndReleaseTheDataDir() {
        long startTimeoutMs = 300;
        EmbeddedKafkaConfig tooShort = EmbeddedKafkaConfig.builder(dataDir).startTimeoutMs(startTimeoutMs).build();

        long startNanos = System.nanoTime();
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(tooShort))
                .isInstanceOf(EmbeddedKafkaStartException.class)
                .hasMessageContaining("did not start within " + startTimeoutMs + " ms")
                .hasMessageContaining(dataDir.toString());
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(10));

        // The failed broker shut down completely: its data dir lock and ports are free for a new one.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.builder(dataDir).build())) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
        }
    }
}
