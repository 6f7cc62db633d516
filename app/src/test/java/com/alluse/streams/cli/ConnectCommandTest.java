package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConnectCommandTest {
    private static ConnectCommand parse(String... args) {
        ConnectCommand command = new ConnectCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void shouldRunStandaloneAgainstTheLocalStackWhenGivenNoOptions() {
        Map<String, String> props = parse("--data-dir", "/tmp/x").settings().toProperties();

        assertThat(props)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("value.converter.schema.registry.url", "http://127.0.0.1:8081")
                .containsEntry("consumer.isolation.level", "read_committed")
                .containsEntry("listeners", "http://127.0.0.1:8083")
                .containsEntry("rest.extension.classes", "com.alluse.streams.connect.metrics.ConnectMetricsExtension")
                .containsEntry("offset.storage.file.filename", "/tmp/x/connect/connect.offsets")
                .doesNotContainKey("group.id");
    }

    @Test
    void shouldJoinAWorkerGroupWithItsTopicsWhenDistributed() {
        Map<String, String> props = parse(
                        "--distributed",
                        "--group-id",
                        "reporting",
                        "--replication-factor",
                        "3",
                        "--bootstrap-servers",
                        "b1:9092",
                        "--config",
                        "offset.flush.interval.ms=5000")
                .settings()
                .toProperties();

        assertThat(props)
                .containsEntry("bootstrap.servers", "b1:9092")
                .containsEntry("group.id", "reporting")
                .containsEntry("offset.storage.topic", "reporting.offsets")
                .containsEntry("config.storage.replication.factor", "3")
                .containsEntry("offset.flush.interval.ms", "5000")
                .doesNotContainKey("offset.storage.file.filename");
    }

    @Test
    void shouldListenOnTheGivenAddressWhenGivenARestHost() {
        Map<String, String> props = parse("--rest-host", "0.0.0.0", "--rest-port", "9083")
                .settings()
                .toProperties();

        assertThat(props).containsEntry("listeners", "http://0.0.0.0:9083");
    }

    @Test
    void shouldReadAConnectorFileWhenItNamesTheConnector(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("hook.properties"), "name=hook\nconnector.class=X \ntopics=t\n");

        assertThat(ConnectCommand.connectorConfig(file))
                .containsExactlyInAnyOrderEntriesOf(Map.of("name", "hook", "connector.class", "X", "topics", "t"));
    }

    @Test
    void shouldRefuseAConnectorFileWhenItHasNoName(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("hook.properties"), "connector.class=X\n");

        assertThatThrownBy(() -> ConnectCommand.connectorConfig(file))
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("no name=");
    }
}
