package com.alluse.streams.cli;

import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.StreamsSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The disaster-recovery drill: replays the live input topics into a fresh application id writing
 * to prefixed outputs, waits until it has caught up, and diffs its outputs with the live ones.
 */
@Command(
        name = "dr-drill",
        mixinStandardHelpOptions = true,
        description = {
            "Disaster-recovery drill: replay the live commands topic (with the calendar events relayed into it) into a fresh application id "
                    + "whose outputs carry their own topic prefix, wait until both it and the live pipeline have "
                    + "consumed the inputs to their current end, then compare every account state, ledger entry, "
                    + "command result and portfolio event of the two.",
            "The live pipeline is only read. Run it while no input arrives (a drill whose inputs grew exits 5)."
        },
        footer = {
            "%nExamples:",
            "  alluse dr-drill --bootstrap-servers kafka:9092 --schema-registry-url http://registry:8081",
            "  alluse dr-drill --keep --replay-topic-prefix drill. --replay-application-id alluse-drill",
            "%nExit codes: 0 identical; 2 bad options; 3 Kafka or the schema registry failed; "
                    + "4 the replay differs; 5 the live inputs grew during the drill (inconclusive)."
        })
final class DrDrillCommand implements Callable<Integer> {
    private static final Duration PROVISIONING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long ROCKSDB_MEMORY_BYTES = 128L * 1024 * 1024;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    RulesOptions rules = new RulesOptions();

    @Option(
            names = "--live-application-id",
            defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
            description = "application.id of the live pipeline, whose progress the drill waits for (default: "
                    + "${DEFAULT-VALUE}).")
    String liveApplicationId;

    @Option(
            names = "--replay-application-id",
            description = "application.id of the replay (default: alluse-dr-drill-<epoch seconds>).")
    String replayApplicationId;

    @Option(
            names = "--replay-topic-prefix",
            description = "Prefix of the replay's output topics (default: <replay application id>.).")
    String replayTopicPrefix;

    @Option(
            names = "--state-dir",
            description = "Where the replay keeps its stores (default: a new temporary directory).")
    Path stateDir;

    @Option(
            names = "--replication-factor",
            defaultValue = "1",
            description = "Replication of the replay's topics (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(
            names = "--idempotency-retention",
            defaultValue = "P7D",
            description = "As given to `alluse run` (default: ${DEFAULT-VALUE}).")
    Duration idempotencyRetention;

    @Option(
            names = "--timeout",
            defaultValue = "PT30M",
            description = "Bound on the whole drill (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--max-records",
            defaultValue = "10000000",
            description = "Most records read from one output topic, held in memory for the diff "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxRecords;

    @Option(
            names = "--keep",
            description = "Keep the replay's topics, consumer group and state for inspection (default: delete them).")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return ExitCodes.run(err, "the disaster-recovery drill", this::drill);
    }

    private int drill() {
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + timeout.toNanos();
        String suffix = Long.toString(System.currentTimeMillis() / 1000);
        String replayId = replayApplicationId != null ? replayApplicationId : "alluse-dr-drill-" + suffix;
        TopicNames live = connection.topics();
        TopicNames replay = live.withOutputsOf(
                TopicNames.withPrefix(replayTopicPrefix != null ? replayTopicPrefix : replayId + "."));
        List<String> inputs = List.of(live.commands(), live.calendar());
        int partitions =
                TopicPreflight.describe(connection.kafka(), live.commands()).partitions();
        PrintWriter out = spec.commandLine().getOut();
        try (DrillCluster cluster = new DrillCluster(connection.bootstrapServers(), connection.serdeConfig())) {
            cluster.requireCommits(liveApplicationId, "--live-application-id");
            // The live pipeline relays each calendar event into the commands: once it has read the calendar to its
            // end, the commands hold every close, and the replay reads the commands alone.
            Map<TopicPartition, Long> calendarEnds = cluster.endOffsets(List.of(live.calendar()));
            cluster.awaitCommitted(liveApplicationId, calendarEnds, deadlineNanos, () -> true);
            Map<TopicPartition, Long> inputEnds = cluster.endOffsets(List.of(live.commands()));
            out.println("dr-drill: replaying "
                    + inputEnds.values().stream().mapToLong(Long::longValue).sum() + " offsets of " + live.commands()
                    + " into " + replayId + " (outputs " + replay.commandResults() + ", ...)");
            cluster.awaitCommitted(liveApplicationId, inputEnds, deadlineNanos, () -> true);
            cluster.awaitNoCalendarClosePending(liveApplicationId, deadlineNanos, () -> true);
            Path state = stateDir != null ? stateDir : createTempStateDir();
            List<DrillDiff> diffs;
            long replayNanos;
            try {
                replayNanos = replay(cluster, replay, partitions, replayId, state, inputEnds, deadlineNanos);
                diffs = compare(cluster, live, replay, deadlineNanos);
            } finally {
                if (!keep) {
                    // The replay's own (empty) executions and calendar topics go too: it reads the live commands
                    // instead.
                    List<String> created = new ArrayList<>(replay.outputs());
                    created.add(replay.marketExecutions());
                    created.add(replay.calendar());
                    cluster.deleteApplication(replayId, created);
                    deleteRecursively(stateDir != null ? state.resolve(replayId) : state);
                }
            }
            Map<TopicPartition, Long> drilledEnds = new HashMap<>(inputEnds);
            drilledEnds.putAll(calendarEnds);
            boolean inputsGrew = !cluster.endOffsets(inputs).equals(drilledEnds);
            return report(out, diffs, inputsGrew, replayNanos, System.nanoTime() - startNanos, replayId);
        }
    }

    /** Runs the replay until it has committed the input ends; returns how long that took. */
    private long replay(
            DrillCluster cluster,
            TopicNames topics,
            int partitions,
            String replayId,
            Path state,
            Map<TopicPartition, Long> inputEnds,
            long deadlineNanos) {
        long startNanos = System.nanoTime();
        PipelineConfig pipeline = new PipelineConfig(
                topics, partitions, replicationFactor, idempotencyRetention, rules.rules(), connection.serdeConfig());
        try (AccountStreamsApp app =
                new AccountStreamsApp(pipeline, settings(replayId, state).toProperties(), CLOSE_TIMEOUT)) {
            KafkaStreams streams = app.start(PROVISIONING_TIMEOUT);
            cluster.awaitCommitted(
                    replayId, inputEnds, deadlineNanos, () -> streams.state().isRunningOrRebalancing());
            cluster.awaitNoCalendarClosePending(
                    replayId, deadlineNanos, () -> streams.state().isRunningOrRebalancing());
        }
        return System.nanoTime() - startNanos;
    }

    private StreamsSettings settings(String replayId, Path state) {
        return new StreamsSettings(
                replayId,
                connection.bootstrapServers(),
                state,
                1,
                0,
                StreamsConfig.EXACTLY_ONCE_V2,
                100,
                ROCKSDB_MEMORY_BYTES,
                replicationFactor,
                null,
                Map.of());
    }

    private List<DrillDiff> compare(DrillCluster cluster, TopicNames live, TopicNames replay, long deadlineNanos) {
        return List.of(
                diff(
                        "account states",
                        cluster,
                        live.accountState(),
                        replay.accountState(),
                        deadlineNanos,
                        r -> r.key()),
                diff(
                        "ledger entries",
                        cluster,
                        live.ledger(),
                        replay.ledger(),
                        deadlineNanos,
                        r -> ((LedgerEntry) r.value()).getEntryId()),
                diff(
                        "command results",
                        cluster,
                        live.commandResults(),
                        replay.commandResults(),
                        deadlineNanos,
                        DrDrillCommand::resultKey),
                diff(
                        "portfolio events",
                        cluster,
                        live.portfolioEvents(),
                        replay.portfolioEvents(),
                        deadlineNanos,
                        r -> ((PortfolioEvent) r.value()).getEventId()));
    }

    /** A result is the answer to one command record: its id and its position on the commands topic. */
    private static String resultKey(ConsumerRecord<String, SpecificRecord> record) {
        CommandResult result = (CommandResult) record.value();
        return result.getPortfolioId() + "/" + result.getCommandId() + "@" + result.getCommandPartition() + ":"
                + result.getCommandOffset();
    }

    /** Last record per key wins: for the compacted account states that is the latest state. */
    private DrillDiff diff(
            String name,
            DrillCluster cluster,
            String liveTopic,
            String replayTopic,
            long deadlineNanos,
            Function<ConsumerRecord<String, SpecificRecord>, String> key) {
        return DrillDiff.compare(
                name,
                byKey(cluster.readAll(liveTopic, maxRecords, deadlineNanos), key),
                byKey(cluster.readAll(replayTopic, maxRecords, deadlineNanos), key));
    }

    private static Map<String, SpecificRecord> byKey(
            List<ConsumerRecord<String, SpecificRecord>> records,
            Function<ConsumerRecord<String, SpecificRecord>, String> key) {
        Map<String, SpecificRecord> byKey = new HashMap<>();
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            if (record.value() == null) {
                byKey.remove(record.key());
            } else {
                byKey.put(key.apply(record), record.value());
            }
        }
        return byKey;
    }

    private int report(
            PrintWriter out, List<DrillDiff> diffs, boolean inputsGrew, long replayNanos, long totalNanos, String id) {
        diffs.forEach(diff -> out.println(diff.summaryLine()));
        diffs.forEach(diff -> diff.examples().forEach(example -> out.println("  " + diff.name() + ": " + example)));
        int compared =
                diffs.stream().mapToInt(d -> Math.max(d.live(), d.replay())).sum();
        int differences = diffs.stream().mapToInt(DrillDiff::differences).sum();
        out.printf(
                java.util.Locale.ROOT,
                "%s: %d differences in %d records compared; replay %.1f s, drill %.1f s%s%n",
                differences == 0 ? "IDENTICAL" : "DIFFERENT",
                differences,
                compared,
                replayNanos / 1e9,
                totalNanos / 1e9,
                keep ? " (kept " + id + ")" : "");
        if (inputsGrew) {
            out.println("INCONCLUSIVE: the live inputs grew during the drill; run it again while no input arrives");
            return ExitCodes.INCONCLUSIVE;
        }
        return differences == 0 ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    private static Path createTempStateDir() {
        try {
            return Files.createTempDirectory("alluse-dr-drill");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the replay's state in " + dir, e);
        }
    }
}
