package com.alluse.streams.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaMainTest {

    @Test
    void shouldParseAllOptions() {
        EmbeddedKafkaMain.Options options = EmbeddedKafkaMain.parse(new String[] {
            "--data-dir",
            "target/kafka",
            "--port",
            "9092",
            "--partitions",
            "6",
            "--start-timeout-ms",
            "90000",
            "--broker-property",
            "log.retention.ms=60000",
            "--exit-with-parent",
            "--broker-property",
            "compression.type=lz4"
        });
        EmbeddedKafkaConfig config = options.config();

        assertThat(options.exitWithParent()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("target/kafka"));
        assertThat(config.port()).isEqualTo(9092);
        assertThat(config.defaultPartitions()).isEqualTo(6);
        assertThat(config.startTimeoutMs()).isEqualTo(90_000);
        assertThat(config.brokerProperties())
                .containsEntry("log.retention.ms", "60000")
                .containsEntry("compression.type", "lz4");
    }

    @Test
    void shouldParseTheRoleOfAClusterNode() {
        EmbeddedKafkaConfig config = EmbeddedKafkaMain.parse(new String[] {
                    "--data-dir",
                    "d",
                    "--role",
                    "broker",
                    "--node-id",
                    "3",
                    "--controller-quorum-voters",
                    "100@127.0.0.1:19093",
                    "--controller-port",
                    "19095"
                })
                .config();

        assertThat(config.node()).isEqualTo(KRaftNode.broker(3, 100, 19093));
        assertThat(config.controllerPort()).isEqualTo(19095);
    }

    @Test
    void shouldRejectAnUnknownRole() {
        assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--data-dir", "d", "--role", "observer"}))
                .hasMessage("--role must be combined, controller or broker: observer");
    }

    @Test
    void shouldDefaultToAFreePortAndOutlivingItsLauncher() {
        EmbeddedKafkaMain.Options options = EmbeddedKafkaMain.parse(new String[] {"--data-dir", "d"});

        assertThat(options.config().port()).isZero();
        assertThat(options.config().node()).isEqualTo(KRaftNode.SINGLE);
        assertThat(options.exitWithParent()).isFalse();
    }

    @Test
    void shouldRejectMissingOrMalformedOptions() {
        assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--port", "9092"}))
                .hasMessage("--data-dir is required");
        assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--data-dir"}))
                .hasMessage("--data-dir needs a value");
        assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--data-dir", "d", "--port", "x"}))
                .hasMessage("--port must be a number: x");
        assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--data-dir", "d", "--verbose", "1"}))
                .hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--data-dir", "d", "--broker-property", "x"}))
                .hasMessage("--broker-property must be key=value: x");
    }

    @Test
    void shouldReadTheSecurityFileItWroteOwnerOnly(@TempDir Path dir) throws Exception {
        BrokerSecurity security = new BrokerSecurity("broker", "b-pw", Map.of("app", "a-pw", "reader", "r-pw"));
        Path file = dir.resolve("security.properties");
        EmbeddedKafkaMain.writeSecurity(security, file);

        EmbeddedKafkaMain.Options options =
                EmbeddedKafkaMain.parse(new String[] {"--data-dir", "d", "--security-file", file.toString()});

        assertThat(options.config().security()).isEqualTo(security);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(EmbeddedKafkaMain.parse(new String[] {"--data-dir", "d"})
                        .config()
                        .security())
                .isNull();
        assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {
                    "--data-dir", "d", "--security-file", dir.resolve("none").toString()
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read --security-file");
    }
}
