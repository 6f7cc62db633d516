package com.alluse.streams.projection;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import com.alluse.streams.topology.AccountTopology;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology in a TopologyTestDriver: each input is processed synchronously, so the
 * outputs read right after a send are everything that input caused. Owns a private registry
 * scope and a temporary state directory, both removed on close.
 */
final class ProjectionDriver implements AutoCloseable {
    private final String registryScope = "projection-" + UUID.randomUUID();
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SpecificRecord> commands;
    private final TestInputTopic<String, SpecificRecord> calendar;
    private final TestOutputTopic<String, SpecificRecord> results;
    private final TestOutputTopic<String, SpecificRecord> ledger;
    private final TestOutputTopic<String, SpecificRecord> accountStates;
    private final TestOutputTopic<String, SpecificRecord> portfolioEvents;
    private final TestOutputTopic<String, SpecificRecord> deadLetters;

    /** What one input caused, read from every output topic. */
    record Outputs(
            List<CommandResult> results,
            List<LedgerEntry> ledger,
            List<AccountState> accountStates,
            List<PortfolioEvent> portfolioEvents,
            List<DeadLetter> deadLetters) {}

    /**
     * @param idempotencyRetention should span the whole run: receipts then live in one or two
     *     window-store segments that never roll over, where a 7-day retention would open and drop
     *     RocksDB segments every few simulated days and make each receipt lookup walk thousands of
     *     cached segments
     */
    ProjectionDriver(RulesConfig rules, Duration idempotencyRetention) {
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + registryScope);
        TopicNames topics = TopicNames.DEFAULT;
        stateDir = createStateDir();
        PipelineConfig pipeline = new PipelineConfig(topics, 1, (short) 1, idempotencyRetention, rules, serdeConfig);
        Properties props =
                StreamsSettings.local("projection.invalid:9092", stateDir).toProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alluse-projection");
        // The driver commits, and so flushes every RocksDB store, after each input; under the
        // shared block cache and write buffer manager that costs ~4 ms a flush, 5x the run time.
        // One in-process task has no memory to share, so RocksDB's own defaults serve.
        props.remove(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);
        driver = startDriver(AccountTopology.build(pipeline), props, stateDir);
        Serializer<SpecificRecord> serializer =
                AvroSerdes.<SpecificRecord>specific(serdeConfig, false).serializer();
        Deserializer<SpecificRecord> deserializer =
                AvroSerdes.<SpecificRecord>specific(serdeConfig, false).deserializer();
        commands = driver.createInputTopic(topics.commands(), new StringSerializer(), serializer);
        calendar = driver.createInputTopic(topics.calendar(), new StringSerializer(), serializer);
        results = driver.createOutputTopic(topics.commandResults(), new StringDeserializer(), deserializer);
        ledger = driver.createOutputTopic(topics.ledger(), new StringDeserializer(), deserializer);
        accountStates = driver.createOutputTopic(topics.accountState(), new StringDeserializer(), deserializer);
        portfolioEvents = driver.createOutputTopic(topics.portfolioEvents(), new StringDeserializer(), deserializer);
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new StringDeserializer(), deserializer);
    }

    private static TopologyTestDriver startDriver(Topology topology, Properties props, Path stateDir) {
        try {
            return new TopologyTestDriver(topology, props);
        } catch (RuntimeException startFailed) {
            deleteRecursively(stateDir);
            throw startFailed;
        }
    }

    Outputs send(AccountCommand command, long timestampMs) {
        commands.pipeInput(command.getPortfolioId(), command, timestampMs);
        return drain();
    }

    Outputs send(CalendarEvent event, long timestampMs) {
        calendar.pipeInput(event.getEventId(), event, timestampMs);
        return drain();
    }

    private Outputs drain() {
        return new Outputs(
                read(results, CommandResult.class),
                read(ledger, LedgerEntry.class),
                read(accountStates, AccountState.class),
                read(portfolioEvents, PortfolioEvent.class),
                read(deadLetters, DeadLetter.class));
    }

    private static <T> List<T> read(TestOutputTopic<String, SpecificRecord> topic, Class<T> type) {
        if (topic.isEmpty()) {
            return List.of();
        }
        return topic.readValuesToList().stream().map(type::cast).toList();
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("alluse-projection-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the projection's state directory", e);
        }
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            InMemorySchemaRegistry.dropScope(registryScope);
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the projection's state directory " + root, e);
        }
    }
}
