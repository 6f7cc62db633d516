package com.alluse.streams.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {
    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"app\" password=\"s3cret\";";

    @TempDir
    Path dir;

    @Test
    void shouldStartEveryClientConfigWithTheBootstrapServersAndTheSecuritySettings() {
        KafkaConnection connection = new KafkaConnection(
                "b1:9093", Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"));

        assertThat(connection.clientProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "bootstrap.servers", "b1:9093",
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(connection.isSecured()).isTrue();
        assertThat(KafkaConnection.plaintext("b1:9092").isSecured()).isFalse();
    }

    @Test
    void shouldReadTheFileAndLetTheJaasLineOfTheEnvironmentWin() throws IOException {
        Path file = Files.writeString(
                dir.resolve("client.properties"),
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=old\n");

        KafkaConnection connection = KafkaConnection.of("b:1", file, JAAS);

        assertThat(connection.security())
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(KafkaConnection.of("b:1", file, " ").security()).containsEntry("sasl.jaas.config", "old");
        assertThat(KafkaConnection.of("b:1", null, null).isSecured()).isFalse();
    }

    @Test
    void shouldRefuseSettingsThatAreNotSecurityOnesNamingOnlyTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "acks=0\n");

        assertThatThrownBy(() -> KafkaConnection.of("b:1", file, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'acks' is not a client security setting");
        assertThatThrownBy(() -> KafkaConnection.of("b:1", dir.resolve("missing"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the Kafka client settings");
    }

    @Test
    void shouldHideSecretsWhenPrinted() {
        KafkaConnection connection = new KafkaConnection(
                "b:1",
                Map.of(
                        "sasl.jaas.config", JAAS,
                        "ssl.truststore.password", "tr-s3cret",
                        "ssl.keystore.key", "k-s3cret",
                        "sasl.mechanism", "SCRAM-SHA-512"));

        assertThat(connection.toString()).doesNotContain("s3cret").contains("[hidden]", "SCRAM-SHA-512", "b:1");
    }

    @Test
    void shouldNameTheUserOfTheJaasLine() {
        assertThat(new KafkaConnection("b:1", Map.of("sasl.jaas.config", JAAS)).userName())
                .isEqualTo("app");
        assertThat(KafkaConnection.plaintext("b:1").userName()).isEqualTo("?");
    }
}
