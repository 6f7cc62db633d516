package com.alluse.streams.processors;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.avro.internal.PendingCalendarClose;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.CommandRules;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * A MockProcessorContext with the ledger's four stores (key-value stores in memory, receipts in
 * a RocksDB window store as in production), Avro serdes on an in-memory registry of its own
 * scope, and helpers to feed records in as bytes and read what was forwarded.
 */
public final class ProcessorFixture implements AutoCloseable {
    public static final String COMMANDS_TOPIC = "alluse.commands";
    public static final String CALENDAR_TOPIC = "alluse.calendar";
    public static final Duration RETENTION = Duration.ofDays(7);

    public final MockProcessorContext<String, SpecificRecord> context;
    public final KeyValueStore<String, PortfolioState> portfolios;
    public final KeyValueStore<String, AccountState> accounts;
    public final KeyValueStore<String, LedgerEntry> ledger;
    public final WindowStore<String, CommandReceipt> receipts;
    public final KeyValueStore<String, PendingCalendarClose> calendarPending;

    private final String registryScope = "processors-test-" + UUID.randomUUID();
    private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + registryScope);
    private final Serializer<SpecificRecord> serializer =
            AvroSerdes.<SpecificRecord>specific(serdeConfig, false).serializer();
    private final List<StateStore> stores = new ArrayList<>();
    private long clockMs = 1_700_000_000_000L;
    private long offset;

    public ProcessorFixture(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processors-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
        portfolios = add(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.PORTFOLIOS),
                        Serdes.String(),
                        this.<PortfolioState>storeSerde(StoreNames.PORTFOLIOS))
                .withLoggingDisabled()
                .build());
        accounts = add(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.ACCOUNTS),
                        Serdes.String(),
                        this.<AccountState>storeSerde(StoreNames.ACCOUNTS))
                .withLoggingDisabled()
                .build());
        ledger = add(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.LEDGER),
                        Serdes.String(),
                        this.<LedgerEntry>storeSerde(StoreNames.LEDGER))
                .withLoggingDisabled()
                .build());
        calendarPending = add(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.CALENDAR_PENDING),
                        Serdes.String(),
                        this.<PendingCalendarClose>storeSerde(StoreNames.CALENDAR_PENDING))
                .withLoggingDisabled()
                .build());
        receipts = add(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(StoreNames.RECEIPTS, RETENTION, Duration.ofMillis(1), false),
                        Serdes.String(),
                        this.<CommandReceipt>storeSerde(StoreNames.RECEIPTS))
                .withLoggingDisabled()
                .build());
        context.setCurrentStreamTimeMs(clockMs);
        context.setCurrentSystemTimeMs(clockMs);
    }

    private <S extends StateStore> S add(S store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        stores.add(store);
        return store;
    }

    public <T extends SpecificRecord> Serde<T> serde() {
        return AvroSerdes.specific(serdeConfig, false);
    }

    /**
     * The mock context names every store's changelog alike, so one registry subject would have
     * to hold all four value schemas: each store gets a registry scope of its own instead.
     */
    private <T extends SpecificRecord> Serde<T> storeSerde(String storeName) {
        return AvroSerdes.specific(Map.of("schema.registry.url", "mock://" + registryScope + "-" + storeName), false);
    }

    public Deserializer<SpecificRecord> deserializer() {
        return AvroSerdes.<SpecificRecord>specific(serdeConfig, false).deserializer();
    }

    public byte[] bytes(String topic, SpecificRecord value) {
        return serializer.serialize(topic, value);
    }

    public long nowMs() {
        return clockMs;
    }

    /** Moves the clock (event times, record timestamps and stream time) forward. */
    public void advance(Duration duration) {
        clockMs += duration.toMillis();
        context.setCurrentStreamTimeMs(clockMs);
        context.setCurrentSystemTimeMs(clockMs);
    }

    /** A record arriving now at the next offset of partition 0 of the topic; stream time follows it. */
    public Record<byte[], byte[]> arrive(String topic, byte[] key, byte[] value) {
        advance(Duration.ofSeconds(1));
        context.setRecordMetadata(topic, 0, offset++);
        return new Record<>(key, value, clockMs);
    }

    public Record<byte[], byte[]> commandRecord(AccountCommand command) {
        return arrive(COMMANDS_TOPIC, utf8(command.getPortfolioId()), bytes(COMMANDS_TOPIC, command));
    }

    public Record<byte[], byte[]> calendarRecord(CalendarEvent event) {
        return arrive(CALENDAR_TOPIC, utf8(event.getEventId()), bytes(CALENDAR_TOPIC, event));
    }

    public AccountCommand command(String commandId, String portfolioId, Object payload) {
        return AccountCommand.newBuilder()
                .setCommandId(commandId)
                .setPortfolioId(portfolioId)
                .setEventTimeMs(clockMs)
                .setPayload(payload)
                .build();
    }

    public CalendarEvent calendarEvent(CalendarKind kind, String periodId) {
        return new CalendarEvent(kind.name() + "/" + periodId, kind, periodId, clockMs);
    }

    /** The production command processor with the default rules, initialised on this fixture's context. */
    public CommandProcessor commandProcessor() {
        CommandProcessor processor = new CommandProcessor(
                new CommandRules(RulesConfig.DEFAULTS),
                new CalendarRules(RulesConfig.DEFAULTS),
                deserializer(),
                RETENTION.toMillis());
        processor.init(context);
        return processor;
    }

    /**
     * A calendar processor initialised on this fixture's context, its slices bounded by size only: a time budget
     * would make what one slice closes depend on speed.
     */
    CalendarProcessor calendarProcessor(PeriodClose weekClose, int slicePortfolios) {
        CalendarProcessor processor =
                new CalendarProcessor(weekClose, deserializer(), RETENTION.toMillis(), slicePortfolios, Long.MAX_VALUE);
        processor.init(context);
        return processor;
    }

    /** Sends a command through the processor and returns what it forwarded, cleared afterwards. */
    public Forwarded send(Processor<byte[], byte[], String, SpecificRecord> processor, AccountCommand command) {
        return process(processor, commandRecord(command));
    }

    public Forwarded process(
            Processor<byte[], byte[], String, SpecificRecord> processor, Record<byte[], byte[]> record) {
        context.resetForwards();
        processor.process(record);
        Forwarded forwarded = new Forwarded(context.forwarded());
        context.resetForwards();
        return forwarded;
    }

    /**
     * Runs what a step forwarded to the child node {@code childName} through {@code child}, as Kafka Streams does
     * inside that step, and returns what the child forwarded.
     */
    public Forwarded handOver(
            Forwarded step, String childName, Processor<String, SpecificRecord, String, SpecificRecord> child) {
        context.resetForwards();
        for (var forward : step.all()) {
            if (forward.childName().orElseThrow().equals(childName)) {
                child.process(new Record<String, SpecificRecord>(
                        forward.record().key(),
                        forward.record().value(),
                        forward.record().timestamp()));
            }
        }
        Forwarded forwarded = new Forwarded(context.forwarded());
        context.resetForwards();
        return forwarded;
    }

    /** Everything the stores hold, to compare before and after. */
    public StoreSnapshot snapshot() {
        return new StoreSnapshot(contents(portfolios), contents(accounts), contents(ledger), receiptKeys());
    }

    public static <V> Map<String, V> contents(KeyValueStore<String, V> store) {
        Map<String, V> contents = new TreeMap<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(next -> contents.put(next.key, next.value));
        }
        return contents;
    }

    private List<String> receiptKeys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, CommandReceipt> all = receipts.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, CommandReceipt> next = all.next();
                keys.add(next.key.key() + "@" + next.key.window().start());
            }
        }
        return keys;
    }

    public static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (StateStore store : stores) {
            store.close();
        }
        InMemorySchemaRegistry.dropScope(registryScope);
        for (String storeName :
                List.of(StoreNames.PORTFOLIOS, StoreNames.ACCOUNTS, StoreNames.LEDGER, StoreNames.RECEIPTS)) {
            InMemorySchemaRegistry.dropScope(registryScope + "-" + storeName);
        }
    }

    public record StoreSnapshot(
            Map<String, PortfolioState> portfolios,
            Map<String, AccountState> accounts,
            Map<String, LedgerEntry> ledger,
            List<String> receipts) {}

    /** What one step forwarded, by sink. */
    public record Forwarded(
            List<MockProcessorContext.CapturedForward<? extends String, ? extends SpecificRecord>> all) {
        public Forwarded {
            all = List.copyOf(all);
        }

        public <T extends SpecificRecord> List<T> values(String sink, Class<T> type) {
            List<T> values = new ArrayList<>();
            for (var forward : all) {
                if (forward.childName().orElseThrow().equals(sink)) {
                    values.add(type.cast(forward.record().value()));
                }
            }
            return values;
        }

        public List<String> keys(String sink) {
            List<String> keys = new ArrayList<>();
            for (var forward : all) {
                if (forward.childName().orElseThrow().equals(sink)) {
                    keys.add(forward.record().key());
                }
            }
            return keys;
        }

        public List<String> sinks() {
            return all.stream()
                    .map(forward -> forward.childName().orElseThrow())
                    .toList();
        }

        /** The one result a command yields. */
        public CommandResult result() {
            List<CommandResult> results = values(SinkNames.RESULTS, CommandResult.class);
            if (results.size() != 1) {
                throw new AssertionError("expected exactly one result, got " + results);
            }
            return results.get(0);
        }

        public List<DeadLetter> deadLetters() {
            return values(SinkNames.DEAD_LETTERS, DeadLetter.class);
        }
    }
}
