package com.alluse.streams.topology;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.StoreNames;
import com.alluse.streams.processors.reconciliation.ReconciliationConfig;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The real topology in a TopologyTestDriver, with every output drained into lists. */
public final class TopologyHarness implements AutoCloseable {
    public final TopicNames topics = TopicNames.DEFAULT;
    public final List<CommandResult> results = new ArrayList<>();
    public final List<LedgerEntry> ledger = new ArrayList<>();
    public final Map<String, AccountState> states = new LinkedHashMap<>();
    public final List<PortfolioEvent> events = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();
    public final List<StrategyEvent> strategyEvents = new ArrayList<>();
    public final List<ReconciliationResult> reconciliations = new ArrayList<>();
    public final List<MarketInstruction> marketInstructions = new ArrayList<>();

    private final String registryScope = "topology-test-" + UUID.randomUUID();
    private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + registryScope);
    private static final int MAX_CLOSE_SLICES = 100_000;
    private static final Duration CLOSE_SLICE_INTERVAL = Duration.ofMillis(50);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SpecificRecord> commands;
    private final TestInputTopic<String, SpecificRecord> calendar;
    private final TestInputTopic<byte[], byte[]> rawCommands;
    private final TestInputTopic<byte[], byte[]> rawCalendar;
    private final TestInputTopic<String, SpecificRecord> snapshots;
    private final TestInputTopic<byte[], byte[]> rawSnapshots;
    private final TestInputTopic<byte[], byte[]> rawExecutions;
    private final List<TestOutputTopic<String, SpecificRecord>> outputs = new ArrayList<>();
    private long clockMs = 1_700_000_000_000L;
    private int commandCount;

    public TopologyHarness(Path stateDir) {
        this(stateDir, RulesConfig.DEFAULTS);
    }

    public TopologyHarness(Path stateDir, RulesConfig rules) {
        this(stateDir, rules, ReconciliationConfig.DEFAULTS);
    }

    public TopologyHarness(Path stateDir, RulesConfig rules, ReconciliationConfig reconciliation) {
        PipelineConfig pipeline =
                new PipelineConfig(topics, 1, (short) 1, Duration.ofDays(7), rules, serdeConfig, reconciliation);
        Properties props = StreamsSettings.local("unused:9092", stateDir).toProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        driver = new TopologyTestDriver(AccountTopology.build(pipeline), props);
        Serializer<SpecificRecord> serializer =
                AvroSerdes.<SpecificRecord>specific(serdeConfig, false).serializer();
        commands = driver.createInputTopic(topics.commands(), new StringSerializer(), serializer);
        calendar = driver.createInputTopic(topics.calendar(), new StringSerializer(), serializer);
        rawCommands = driver.createInputTopic(topics.commands(), new ByteArraySerializer(), new ByteArraySerializer());
        rawCalendar = driver.createInputTopic(topics.calendar(), new ByteArraySerializer(), new ByteArraySerializer());
        snapshots = driver.createInputTopic(topics.brokerSnapshots(), new StringSerializer(), serializer);
        rawSnapshots =
                driver.createInputTopic(topics.brokerSnapshots(), new ByteArraySerializer(), new ByteArraySerializer());
        rawExecutions = driver.createInputTopic(
                topics.marketExecutions(), new ByteArraySerializer(), new ByteArraySerializer());
        Deserializer<SpecificRecord> deserializer =
                AvroSerdes.<SpecificRecord>specific(serdeConfig, false).deserializer();
        for (String topic : List.of(
                topics.commandResults(),
                topics.ledger(),
                topics.accountState(),
                topics.portfolioEvents(),
                topics.deadLetters(),
                topics.strategyEvents(),
                topics.reconciliation(),
                topics.marketInstructions())) {
            outputs.add(driver.createOutputTopic(topic, new StringDeserializer(), deserializer));
        }
    }

    public Serializer<SpecificRecord> valueSerializer() {
        return AvroSerdes.<SpecificRecord>specific(serdeConfig, false).serializer();
    }

    public CommandResult send(String portfolioId, Object payload) {
        commandCount++;
        return send("cmd-" + commandCount, portfolioId, payload);
    }

    public CommandResult send(String commandId, String portfolioId, Object payload) {
        return send(portfolioId, AccountCommands.command(commandId, portfolioId, tick(), payload));
    }

    public CommandResult send(String key, AccountCommand command) {
        int before = results.size();
        commands.pipeInput(key, command, clockMs);
        drain();
        if (results.size() != before + 1) {
            throw new AssertionError("expected exactly one result, got " + (results.size() - before));
        }
        return results.get(before);
    }

    public void sendRaw(byte[] key, byte[] value) {
        rawCommands.pipeInput(key, value, tick());
        drain();
    }

    public void sendRawCalendar(byte[] key, byte[] value) {
        rawCalendar.pipeInput(key, value, tick());
        finishCalendarCloses(driver);
        drain();
    }

    /** An execution report as the market integration writes it (key, value or both may be null). */
    public void sendRawExecution(byte[] key, byte[] value) {
        rawExecutions.pipeInput(key, value, tick());
        drain();
    }

    /** Pipes a broker snapshot in, keyed by its account id, stamped with its as-of time. */
    public void snapshot(BrokerSnapshot snapshot) {
        snapshots.pipeInput(snapshot.getAccountId(), snapshot, snapshot.getAsOfMs());
        drain();
    }

    public void sendRawSnapshot(byte[] key, byte[] value) {
        rawSnapshots.pipeInput(key, value, tick());
        drain();
    }

    /** The event time of the last command or calendar event sent. */
    public long clockMs() {
        return clockMs;
    }

    public void calendar(CalendarKind kind, String periodId) {
        calendar.pipeInput("calendar", AccountCommands.calendar(kind, periodId, tick()), clockMs);
        finishCalendarCloses(driver);
        drain();
    }

    /**
     * Advances the wall clock until no calendar close is in progress, as the stream thread's
     * punctuations would: a close runs in time-bounded slices, so how much of it the first slice
     * does depends on the speed of the machine (bounded, far above any test's portfolios).
     */
    public static void finishCalendarCloses(TopologyTestDriver driver) {
        KeyValueStore<String, Object> pending = driver.getKeyValueStore(StoreNames.CALENDAR_PENDING);
        for (int slice = 0; slice < MAX_CLOSE_SLICES; slice++) {
            try (KeyValueIterator<String, Object> inProgress = pending.all()) {
                if (!inProgress.hasNext()) {
                    return;
                }
            }
            driver.advanceWallClockTime(CLOSE_SLICE_INTERVAL);
        }
        throw new AssertionError("a calendar close was still in progress after " + MAX_CLOSE_SLICES + " slices");
    }

    public AccountState state(String accountId) {
        AccountState state = states.get(accountId);
        if (state == null) {
            throw new AssertionError("no state for " + accountId);
        }
        return state;
    }

    private void drain() {
        for (TestOutputTopic<String, SpecificRecord> output : outputs) {
            for (SpecificRecord value : output.readValuesToList()) {
                if (value instanceof CommandResult result) {
                    results.add(result);
                } else if (value instanceof LedgerEntry entry) {
                    ledger.add(entry);
                } else if (value instanceof AccountState state) {
                    states.put(state.getAccountId(), state);
                } else if (value instanceof PortfolioEvent event) {
                    events.add(event);
                } else if (value instanceof DeadLetter letter) {
                    deadLetters.add(letter);
                } else if (value instanceof StrategyEvent event) {
                    strategyEvents.add(event);
                } else if (value instanceof ReconciliationResult result) {
                    reconciliations.add(result);
                } else if (value instanceof MarketInstruction instruction) {
                    marketInstructions.add(instruction);
                }
            }
        }
    }

    private long tick() {
        clockMs += 1_000;
        return clockMs;
    }

    /** Whether the named store keeps its data on disk (RocksDB) or in memory. */
    public boolean persistent(String storeName) {
        return driver.getAllStateStores().get(storeName).persistent();
    }

    @Override
    public void close() {
        driver.close();
        InMemorySchemaRegistry.dropScope(registryScope);
    }
}
