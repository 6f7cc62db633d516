package com.alluse.streams.topology;

import com.alluse.streams.client.PipelineTopics;
import com.alluse.streams.client.Topic;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.CommandRules;
import com.alluse.streams.processors.CalendarProcessor;
import com.alluse.streams.processors.CalendarRelay;
import com.alluse.streams.processors.CommandProcessor;
import com.alluse.streams.processors.ExecutionReportProcessor;
import com.alluse.streams.processors.LedgerInput;
import com.alluse.streams.processors.ReinvestmentProcessor;
import com.alluse.streams.processors.SinkNames;
import com.alluse.streams.processors.StoreNames;
import com.alluse.streams.processors.metrics.BusinessMetrics;
import com.alluse.streams.processors.metrics.BusinessMetricsProcessor;
import com.alluse.streams.processors.metrics.MarketMetrics;
import com.alluse.streams.processors.reconciliation.MarketInstructionsProcessor;
import com.alluse.streams.processors.reconciliation.ReconciliationInputDecoder;
import com.alluse.streams.processors.reconciliation.ReconciliationProcessor;
import com.alluse.streams.serde.AvroSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Wires the ledger: the commands partition (commands, and the calendar events relayed into it) into one
 * sub-topology whose task owns the portfolio, account and receipt stores of its partition, so
 * every command, fork, merge and calendar step is one atomic task update under exactly-once.
 */
public final class AccountTopology {
    private static final String COMMANDS_SOURCE = "commands-source";
    private static final String CALENDAR_SOURCE = "calendar-source";
    private static final String CALENDAR_RELAY_SINK = "calendar-relay-sink";
    private static final String COMMAND_PROCESSOR = "command-processor";
    private static final String CALENDAR_PROCESSOR = "calendar-processor";
    private static final String EXECUTIONS_SOURCE = "market-executions-source";
    private static final String MONITORING_SOURCE = "monitoring-source";
    private static final String MONITORING_PROCESSOR = "business-metrics-processor";
    private static final String RECONCILIATION_SOURCE = "reconciliation-source";
    private static final String MARKET_INSTRUCTIONS_SOURCE = "market-instructions-source";
    /** The nodes that write the ledger: each is connected to its stores and sinks. */
    private static final String[] PROCESSORS = {COMMAND_PROCESSOR, CALENDAR_PROCESSOR, ReinvestmentProcessor.NAME};
    // Receipts are looked up by key over all time; the window only bounds retention.
    private static final Duration RECEIPT_WINDOW = Duration.ofMillis(1);

    private AccountTopology() {}

    /** The topology without exported metrics (tests, the projection). */
    public static Topology build(PipelineConfig config) {
        return build(config, new SimpleMeterRegistry());
    }

    /** The whole topology ({@link PipelineRole#ALL}), with the monitoring sub-topology reporting business metrics to the registry. */
    public static Topology build(PipelineConfig config, MeterRegistry registry) {
        return build(config, registry, PipelineRole.ALL);
    }

    /**
     * The sub-topologies of one role. They are added in the order of earlier releases (Kafka Streams numbers
     * sub-topologies, and so tasks and their state directories, in the order they are added), so a deployment
     * that keeps {@link PipelineRole#ALL} keeps its task directories; moving to the split roles renumbers the
     * market-executions tasks, whose store is then restored from its changelog.
     */
    public static Topology build(PipelineConfig config, MeterRegistry registry, PipelineRole role) {
        Topology topology = new Topology();
        if (role.runsLedger()) {
            addLedger(topology, config);
        }
        if (role.runsDownstream()) {
            addReconciliation(topology, config);
            addMarketInstructions(topology, config, new MarketMetrics(registry));
        }
        if (role.runsLedger()) {
            addMarketExecutions(topology, config);
        }
        if (role.runsDownstream()) {
            addMonitoring(
                    topology,
                    config,
                    new BusinessMetrics(registry, config.topics().marketExecutions()));
        }
        return topology;
    }

    private static void addLedger(Topology topology, PipelineConfig config) {
        TopicNames topics = config.topics();
        topology.addSource(
                COMMANDS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.commands());
        topology.addProcessor(
                LedgerInput.NAME, () -> new LedgerInput(COMMAND_PROCESSOR, CALENDAR_PROCESSOR), COMMANDS_SOURCE);
        topology.addProcessor(
                COMMAND_PROCESSOR,
                () -> new CommandProcessor(
                        new CommandRules(config.rules()),
                        new CalendarRules(config.rules()),
                        valueSerde(config).deserializer(),
                        config.idempotencyRetention().toMillis()),
                LedgerInput.NAME);
        topology.addProcessor(
                CALENDAR_PROCESSOR,
                () -> new CalendarProcessor(
                        new CalendarRules(config.rules()),
                        valueSerde(config).deserializer(),
                        config.idempotencyRetention().toMillis()),
                LedgerInput.NAME);
        // Handed each portfolio of a quarter close by the calendar sweep, from either node that advances it.
        topology.addProcessor(
                ReinvestmentProcessor.NAME,
                () -> new ReinvestmentProcessor(
                        new CalendarRules(config.rules()),
                        valueSerde(config).deserializer(),
                        config.idempotencyRetention().toMillis()),
                COMMAND_PROCESSOR,
                CALENDAR_PROCESSOR);
        addStores(topology, config);
        addSinks(topology, config);
        addCalendarRelay(topology, topics);
        addStrategyEvents(topology, config);
    }

    /**
     * A sub-topology of its own that copies each calendar record into the commands partition of the same number
     * ({@link CalendarRelay}): the ledger task has one input, so Kafka Streams never holds it back for an empty
     * calendar partition, and a close sits in the commands log exactly where the ledger applies it
     * (docs/architecture.md, "One input per ledger task").
     */
    private static void addCalendarRelay(Topology topology, TopicNames topics) {
        topology.addSource(
                CALENDAR_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.calendar());
        topology.addProcessor(CalendarRelay.NAME, CalendarRelay::new, CALENDAR_SOURCE);
        topology.addSink(
                CALENDAR_RELAY_SINK,
                topics.commands(),
                CalendarRelay.keySerializer(),
                new ByteArraySerializer(),
                CalendarRelay.partitioner(),
                CalendarRelay.NAME);
    }

    /**
     * The strategy events, written by the three ledger processors in their task and transaction
     * (docs/architecture.md, "Strategy events").
     */
    private static void addStrategyEvents(Topology topology, PipelineConfig config) {
        PipelineTopics topics = PipelineTopics.of(config.topics(), config.serdeConfig());
        addSink(topology, SinkNames.STRATEGY_EVENTS, topics.strategyEvents(), PROCESSORS);
    }

    /**
     * A sub-topology of its own, reading the ledger entries beside the broker snapshots (both keyed
     * by account id, so an account's entries and snapshots meet in one task): reconciliation never
     * slows or fails the ledger (docs/architecture.md, "Reconciliation and market instructions").
     */
    private static void addReconciliation(Topology topology, PipelineConfig config) {
        TopicNames names = config.topics();
        topology.addSource(
                RECONCILIATION_SOURCE,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                names.ledger(),
                names.brokerSnapshots());
        topology.addProcessor(
                ReconciliationInputDecoder.NAME,
                () -> new ReconciliationInputDecoder(
                        AccountTopology.<SpecificRecord>valueSerde(config).deserializer(), names.ledger()),
                RECONCILIATION_SOURCE);
        topology.addProcessor(
                ReconciliationProcessor.NAME,
                () -> new ReconciliationProcessor(config.reconciliation()),
                ReconciliationInputDecoder.NAME);
        // Entries and results are written once per key, pending snapshots once and deleted: a cache folds nothing.
        addKeyValueStore(
                topology, ReconciliationProcessor.HISTORY_STORE, Serdes.String(), ReconciliationProcessor.NAME);
        addKeyValueStore(
                topology, ReconciliationProcessor.PENDING_STORE, valueSerde(config), ReconciliationProcessor.NAME);
        addKeyValueStore(
                topology, ReconciliationProcessor.STATUS_STORE, valueSerde(config), ReconciliationProcessor.NAME);
        PipelineTopics topics = PipelineTopics.of(names, config.serdeConfig());
        addSink(topology, SinkNames.RECONCILIATION, topics.reconciliation(), ReconciliationProcessor.NAME);
        addSink(topology, SinkNames.RECONCILIATION_DEAD_LETTERS, topics.deadLetters(), ReconciliationInputDecoder.NAME);
    }

    /**
     * A sub-topology of its own over the strategy events (closes) and the reconciliation results
     * (mismatches), both keyed by account id, writing the market instructions.
     */
    private static void addMarketInstructions(Topology topology, PipelineConfig config, MarketMetrics metrics) {
        TopicNames names = config.topics();
        topology.addSource(
                MARKET_INSTRUCTIONS_SOURCE,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                names.strategyEvents(),
                names.reconciliation());
        topology.addProcessor(
                MarketInstructionsProcessor.NAME,
                () -> new MarketInstructionsProcessor(
                        AccountTopology.<SpecificRecord>valueSerde(config).deserializer(), metrics),
                MARKET_INSTRUCTIONS_SOURCE);
        addKeyValueStore(
                topology, MarketInstructionsProcessor.ISSUED_STORE, Serdes.String(), MarketInstructionsProcessor.NAME);
        PipelineTopics topics = PipelineTopics.of(names, config.serdeConfig());
        addSink(topology, SinkNames.MARKET_INSTRUCTIONS, topics.marketInstructions(), MarketInstructionsProcessor.NAME);
        addSink(topology, SinkNames.MARKET_DEAD_LETTERS, topics.deadLetters(), MarketInstructionsProcessor.NAME);
    }

    private static <V> void addKeyValueStore(Topology topology, String name, Serde<V> values, String processor) {
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                        .withCachingDisabled(),
                processor);
    }

    /**
     * The market-integration sub-topology: execution reports (keyed by account id) in, market-fact
     * commands (keyed by portfolio id) out to the commands topic the ledger reads, conflicts to the
     * results, bad reports to the dead letters (docs/architecture.md, "Execution reports").
     */
    private static void addMarketExecutions(Topology topology, PipelineConfig config) {
        topology.addSource(
                EXECUTIONS_SOURCE,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer(),
                config.topics().marketExecutions());
        topology.addProcessor(
                ExecutionReportProcessor.NAME,
                () -> new ExecutionReportProcessor(
                        valueSerde(config).deserializer(),
                        config.idempotencyRetention().toMillis()),
                EXECUTIONS_SOURCE);
        topology.addStateStore(
                Stores.windowStoreBuilder(
                                CheckpointedWindowStore.persistent(
                                        StoreNames.EXECUTION_FINGERPRINTS,
                                        config.idempotencyRetention(),
                                        RECEIPT_WINDOW,
                                        false),
                                Serdes.String(),
                                Serdes.String())
                        .withCachingDisabled(),
                ExecutionReportProcessor.NAME);
        PipelineTopics topics = PipelineTopics.of(config.topics(), config.serdeConfig());
        addSink(topology, SinkNames.EXECUTION_COMMANDS, topics.commands(), ExecutionReportProcessor.NAME);
        addSink(topology, SinkNames.EXECUTION_RESULTS, topics.commandResults(), ExecutionReportProcessor.NAME);
        addSink(topology, SinkNames.EXECUTION_DEAD_LETTERS, topics.deadLetters(), ExecutionReportProcessor.NAME);
    }

    /** A separate sub-topology reading the ledger's outputs, so metrics never slow or fail the ledger. */
    private static void addMonitoring(Topology topology, PipelineConfig config, BusinessMetrics metrics) {
        TopicNames topics = config.topics();
        List<String> outputs =
                List.of(topics.commandResults(), topics.portfolioEvents(), topics.deadLetters(), topics.accountState());
        metrics.watchOutputTopics(outputs);
        topology.addSource(
                MONITORING_SOURCE,
                new StringDeserializer(),
                new ByteArrayDeserializer(),
                outputs.toArray(String[]::new));
        topology.addProcessor(
                MONITORING_PROCESSOR,
                () -> new BusinessMetricsProcessor(
                        metrics,
                        AccountTopology.<SpecificRecord>valueSerde(config).deserializer()),
                MONITORING_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(BusinessMetricsProcessor.AUM_STORE),
                                Serdes.String(),
                                Serdes.String())
                        .withCachingDisabled(),
                MONITORING_PROCESSOR);
    }

    /**
     * No store has the record cache. It would fold several updates of one key within a commit
     * interval into one changelog write, but a command touches its own portfolio's keys, so
     * within 100 ms few keys are written twice, while the cache cost about a sixth of the stream
     * thread (load test, BENCHMARKS.md): a TreeMap lookup over byte keys with long common
     * prefixes on every get and put, and a walk of every dirty entry at each commit. Ledger entries
     * and receipts are written once per key; a receipt lookup through a caching window store walked
     * the cached receipts of every segment in the retention range. What is stored and written is
     * the same; RocksDB's own block cache and memtable serve the reads.
     *
     * <p>The pending calendar close is an in-memory store: it holds at most one key, which every
     * command reads (is a close in progress?), nearly always to find nothing; a map lookup answers
     * that without a RocksDB read through JNI. Its changelog restores it on every start and task
     * move, as it does any store under exactly-once after a crash.
     */
    private static void addStores(Topology topology, PipelineConfig config) {
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(StoreNames.PORTFOLIOS),
                                Serdes.String(),
                                valueSerde(config))
                        .withCachingDisabled(),
                PROCESSORS);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(StoreNames.ACCOUNTS),
                                Serdes.String(),
                                valueSerde(config))
                        .withCachingDisabled(),
                PROCESSORS);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(StoreNames.LEDGER), Serdes.String(), valueSerde(config))
                        .withCachingDisabled(),
                PROCESSORS);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(StoreNames.CALENDAR_PENDING),
                                Serdes.String(),
                                valueSerde(config))
                        .withCachingDisabled(),
                PROCESSORS);
        topology.addStateStore(
                Stores.windowStoreBuilder(
                                CheckpointedWindowStore.persistent(
                                        StoreNames.RECEIPTS, config.idempotencyRetention(), RECEIPT_WINDOW, false),
                                Serdes.String(),
                                valueSerde(config))
                        .withCachingDisabled(),
                PROCESSORS);
    }

    private static void addSinks(Topology topology, PipelineConfig config) {
        PipelineTopics topics = PipelineTopics.of(config.topics(), config.serdeConfig());
        addSink(topology, SinkNames.RESULTS, topics.commandResults(), COMMAND_PROCESSOR);
        addSink(topology, SinkNames.LEDGER, topics.ledger(), PROCESSORS);
        addSink(topology, SinkNames.ACCOUNT_STATE, topics.accountState(), PROCESSORS);
        addSink(topology, SinkNames.PORTFOLIO_EVENTS, topics.portfolioEvents(), PROCESSORS);
        addSink(topology, SinkNames.DEAD_LETTERS, topics.deadLetters(), PROCESSORS);
    }

    private static <K, V> void addSink(Topology topology, String sinkName, Topic<K, V> topic, String... parents) {
        topology.addSink(
                sinkName,
                topic.name(),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer(),
                parents);
    }

    private static <T extends SpecificRecord> Serde<T> valueSerde(PipelineConfig config) {
        return AvroSerdes.specific(config.serdeConfig(), false);
    }
}
