package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.processors.StoreNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wiping an instance's local state and restoring it from the changelogs gives identical stores; a cleanly stopped
 * instance reopens its state as it left it.
 */
@Timeout(240)
class StateRestoreIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private BrokerFixture kafka;

    @AfterEach
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldRestoreIdenticalStoresFromChangelogsAfterLocalStateIsDeleted() throws Exception {
        kafka = new BrokerFixture(dir);
        Path stateDir = dir.resolve("state");
        List<AccountCommand> commands = new CommandMix(99, 50, 6_000_000).generate(3_000);
        Map<String, Object> before;
        try (AccountStreamsApp app = startApp(stateDir)) {
            kafka.produce(commands);
            kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), WAIT);
            before = snapshot(app);
        }
        deleteRecursively(stateDir);

        try (AccountStreamsApp restored = startApp(stateDir)) {
            Map<String, Object> after = snapshot(restored);

            assertThat(before).as("accounts and portfolios before the wipe").hasSizeGreaterThan(150);
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void shouldFindNoTaskCorruptedWhenReopeningTheStateOfACleanlyStoppedInstanceWithEmptyWindowStores()
            throws Exception {
        kafka = new BrokerFixture(dir);
        Path stateDir = dir.resolve("state");
        // No execution report ever arrives, so every execution-fingerprints window store stays empty.
        List<AccountCommand> commands = new CommandMix(7, 10, 6_000_000).generate(200);
        AccountStreamsApp first = startApp(stateDir);
        kafka.produce(commands);
        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), WAIT);
        first.close();

        try (CapturedLogs logs = new CapturedLogs()) {
            startApp(stateDir).close();
            assertThat(logs.lines())
                    .as("tasks Kafka Streams found corrupted on reopening")
                    .noneMatch(line -> line.contains("did not find checkpoint offsets"))
                    .noneMatch(line -> line.contains("are corrupted"));
        }
    }

    private AccountStreamsApp startApp(Path stateDir) throws InterruptedException {
        AccountStreamsApp app = new AccountStreamsApp(
                kafka.pipeline(3),
                StreamsSettings.local(kafka.bootstrapServers(), stateDir).toProperties(),
                Duration.ofSeconds(30));
        app.start(WAIT);
        app.awaitRunning(WAIT);
        return app;
    }

    private static Map<String, Object> snapshot(AccountStreamsApp app) {
        Map<String, Object> all = new HashMap<>();
        for (String store : List.of(StoreNames.ACCOUNTS, StoreNames.PORTFOLIOS)) {
            ReadOnlyKeyValueStore<String, Object> view = app.streams()
                    .store(StoreQueryParameters.fromNameAndType(
                            store, QueryableStoreTypes.<String, Object>keyValueStore()));
            try (KeyValueIterator<String, Object> it = view.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Object> next = it.next();
                    all.put(store + "/" + next.key, next.value);
                }
            }
        }
        return all;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
