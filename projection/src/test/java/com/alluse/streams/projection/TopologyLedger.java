package com.alluse.streams.projection;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.MergeCompleted;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.DomainEvent;
import com.alluse.streams.domain.EntryType;
import com.alluse.streams.domain.LedgerEntry;
import com.alluse.streams.domain.ReinvestmentSplit;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.internals.AccountStateMapper;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import com.alluse.streams.topology.AccountTopology;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.StreamsSettings;
import com.alluse.streams.topology.TopologyHarness;
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
 * The production topology ({@link AccountTopology}) in a TopologyTestDriver, as a projection
 * ledger: each input is processed synchronously, so the outputs read right after a send are
 * everything it caused; account states, ledger entries, forks and merges are read back from the
 * output topics. Owns a private registry scope and a temporary state directory, both removed on close.
 */
final class TopologyLedger implements ProjectionLedger, AutoCloseable {
    private final String portfolioId;
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

    /**
     * @param idempotencyRetention should span the whole run: receipts then live in one or two
     *     window-store segments that never roll over, where a 7-day retention would open and drop
     *     RocksDB segments every few simulated days and make each receipt lookup walk thousands of
     *     cached segments
     */
    TopologyLedger(String portfolioId, RulesConfig rules, Duration idempotencyRetention) {
        this.portfolioId = portfolioId;
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

    @Override
    public Booking submit(Cause cause, Command command) {
        AccountCommand record = AccountCommands.command(cause.id(), portfolioId, cause.eventTimeMs(), payload(command));
        commands.pipeInput(portfolioId, record, cause.eventTimeMs());
        List<CommandResult> commandResults = read(results, CommandResult.class);
        if (commandResults.size() != 1 || commandResults.get(0).getOutcome() != CommandOutcome.ACCEPTED) {
            throw new IllegalStateException(
                    "the topology did not accept projection command " + cause.id() + ": " + commandResults);
        }
        return drain();
    }

    /** The Avro payload of the commands a projection sends. */
    private static Object payload(Command command) {
        if (command instanceof Command.OpenPortfolio open) {
            return AccountCommands.openPortfolio(
                    open.ownerId(),
                    open.capitalCents(),
                    open.template(),
                    open.forkThresholdCents(),
                    open.mergeThresholdCents());
        } else if (command instanceof Command.TradePremium premium) {
            return AccountCommands.premium(premium.accountId(), premium.amountCents());
        }
        throw new IllegalArgumentException("a projection sends no " + command.kind());
    }

    @Override
    public Booking closeWeek(Cause cause, String periodId) {
        return close(CalendarKind.WEEK_CLOSE, cause, periodId);
    }

    @Override
    public Booking closeQuarter(Cause cause, String periodId) {
        return close(CalendarKind.QUARTER_CLOSE, cause, periodId);
    }

    private Booking close(CalendarKind kind, Cause cause, String periodId) {
        CalendarEvent event = AccountCommands.calendar(kind, periodId, cause.eventTimeMs());
        if (!event.getEventId().equals(cause.id())) {
            throw new IllegalArgumentException(
                    "calendar event id " + event.getEventId() + " is not the cause " + cause.id());
        }
        calendar.pipeInput(event.getEventId(), event, cause.eventTimeMs());
        TopologyHarness.finishCalendarCloses(driver);
        return drain();
    }

    /** What the input caused, from the output topics; a dead letter stops the run. */
    private Booking drain() {
        List<SpecificRecord> dead = read(deadLetters, SpecificRecord.class);
        if (!dead.isEmpty()) {
            throw new IllegalStateException("the topology dead-lettered projection input: " + dead);
        }
        List<Object> events = read(portfolioEvents, PortfolioEvent.class).stream()
                .map(PortfolioEvent::getPayload)
                .toList();
        return new Booking(
                read(accountStates, AccountState.class).stream()
                        .map(AccountStateMapper::toDomain)
                        .toList(),
                read(ledger, com.alluse.streams.avro.LedgerEntry.class).stream()
                        .map(TopologyLedger::toDomain)
                        .toList(),
                events.stream()
                        .filter(ForkCompleted.class::isInstance)
                        .map(ForkCompleted.class::cast)
                        .map(TopologyLedger::toDomain)
                        .toList(),
                events.stream()
                        .filter(MergeCompleted.class::isInstance)
                        .map(MergeCompleted.class::cast)
                        .map(TopologyLedger::toDomain)
                        .toList());
    }

    private static LedgerEntry toDomain(com.alluse.streams.avro.LedgerEntry entry) {
        var split = entry.getReinvestment();
        return new LedgerEntry(
                entry.getEntryId(),
                entry.getPortfolioId(),
                entry.getAccountId(),
                entry.getSequence(),
                EntryType.valueOf(entry.getEntryType().name()),
                entry.getAmountCents(),
                entry.getBalanceAfterCents(),
                entry.getCommandId(),
                entry.getForkId(),
                entry.getMergeId(),
                split == null ? null : new ReinvestmentSplit(split.getContractsCents(), split.getLeapsCents()),
                entry.getEventTimeMs());
    }

    private static DomainEvent.ForkCompleted toDomain(ForkCompleted fork) {
        return new DomainEvent.ForkCompleted(
                fork.getForkId(),
                fork.getParentAccountId(),
                fork.getSurplusCents(),
                fork.getGenerationAccountId(),
                fork.getGenerationCents(),
                fork.getCompoundingAccountId(),
                fork.getCompoundingCents());
    }

    private static DomainEvent.MergeCompleted toDomain(MergeCompleted merge) {
        return new DomainEvent.MergeCompleted(
                merge.getMergeId(),
                merge.getForkId(),
                merge.getGenerationAccountId(),
                merge.getGenerationCents(),
                merge.getCompoundingAccountId(),
                merge.getCompoundingCents(),
                merge.getTargetAccountId(),
                merge.getAmountCents());
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
