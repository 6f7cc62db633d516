package com.alluse.streams.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class EmbeddedKafkaRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepCommittedRecordsAcrossRestartOnSameDataDir() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(dataDir).build();
        List<String> sent = KafkaTestClients.values("kept", 500);
        String clusterId;
        int port;
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(config)) {
            clusterId = first.clusterId();
            port = first.port();
            KafkaTestClients.createTopic(first.bootstrapServers(), "durable", 2);
            KafkaTestClients.produceCommitted(first.bootstrapServers(), "durable", sent);
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(config)) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(second.port()).as("a free port is kept across restarts").isEqualTo(port);
            assertThat(KafkaTestClients.readAtLeast(
                            second.bootstrapServers(), "durable", IsolationLevel.READ_COMMITTED, sent.size()))
                    .containsExactlyInAnyOrderElementsOf(sent);
            // The restarted broker takes new transactions too (transaction state log reloaded).
            KafkaTestClients.produceCommitted(second.bootstrapServers(), "durable", List.of("after-restart"));
            assertThat(KafkaTestClients.readAtLeast(
                            second.bootstrapServers(), "durable", IsolationLevel.READ_COMMITTED, sent.size() + 1))
                    .hasSize(sent.size() + 1);
        }
    }
}
