package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.client.CalendarPublisher;
import com.alluse.streams.client.Clients;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.CommandMix;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.StreamsSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The disaster-recovery drill against a live pipeline on a real broker that has seen forks,
 * merges, a week close and a quarter close: a replay with the live rules rebuilds identical
 * outputs; a replay with another fork threshold is reported as different.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrDrillCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int COMMANDS_PER_PHASE = 1_200;
    private static final String FORK_THRESHOLD = "1000.00";
    private static final String MERGE_THRESHOLD = "10000.00";
    // The thresholds above, as the live app runs with them: frequent forks and merges.
    private static final RulesConfig LIVE_RULES = new RulesConfig(
            100_000,
            1_000_000,
            RulesConfig.DEFAULTS.defaultCashBufferBps(),
            RulesConfig.DEFAULTS.maxCashBufferBps(),
            RulesConfig.DEFAULTS.reinvestMinimumCents(),
            RulesConfig.DEFAULTS.reinvestContractsBps());

    private Path dir;
    private BrokerFixture kafka;
    private AccountStreamsApp live;

    @BeforeAll
    void startLivePipelineAndFeedIt(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        kafka = new BrokerFixture(dir);
        PipelineConfig pipeline =
                new PipelineConfig(kafka.topics, 3, (short) 1, Duration.ofDays(7), LIVE_RULES, kafka.serdeConfig);
        live = new AccountStreamsApp(
                pipeline,
                StreamsSettings.local(kafka.bootstrapServers(), dir.resolve("live"))
                        .toProperties(),
                Duration.ofSeconds(30));
        live.start(WAIT);
        live.awaitRunning(WAIT);
        feed(new CommandMix(2026, 20, 1_000_000).generate(3 * COMMANDS_PER_PHASE));
    }

    @AfterAll
    void stop() {
        if (live != null) {
            live.close();
        }
        kafka.close();
    }

    @Test
    void shouldFindNoDifferenceWhenTheReplayRunsWithTheLiveRules() throws Exception {
        StringWriter out = new StringWriter();
        int exit = drill(out, "drill-same", FORK_THRESHOLD);

        assertThat(exit).as(out.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("IDENTICAL: 0 differences");
        assertThat(topicsStartingWith("drill-same")).as("replay topics deleted").isEmpty();
        try (Stream<Path> left = Files.list(dir.resolve("drill"))) {
            assertThat(left).as("replay state deleted").isEmpty();
        }
    }

    @Test
    void shouldReportDifferencesWhenTheReplayRunsWithAnotherForkThreshold() {
        StringWriter out = new StringWriter();
        int exit = drill(out, "drill-other-rules", "2000.00");

        assertThat(exit).as(out.toString()).isEqualTo(ExitCodes.DIFFERENT);
        assertThat(out.toString()).contains("DIFFERENT: ").contains("ledger entries: ");
    }

    @Test
    void shouldStopAtOnceWhenTheLiveApplicationIdHasNoCommits() {
        StringWriter err = new StringWriter();
        CommandLine cli = AllUseCli.commandLine().setErr(new PrintWriter(err, true));

        int exit = cli.execute(
                "dr-drill",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--schema-registry-url",
                kafka.registry.url(),
                "--live-application-id",
                "no-such-app");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("group no-such-app has committed no offsets");
    }

    private int drill(StringWriter out, String replayId, String forkThreshold) {
        CommandLine cli = AllUseCli.commandLine().setOut(new PrintWriter(out, true));
        int exit = cli.execute(
                "dr-drill",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--schema-registry-url",
                kafka.registry.url(),
                "--replay-application-id",
                replayId,
                "--state-dir",
                dir.resolve("drill").toString(),
                "--fork-threshold",
                forkThreshold,
                "--merge-threshold",
                MERGE_THRESHOLD,
                "--timeout",
                "PT3M");
        System.out.println(out);
        return exit;
    }

    /**
     * Three phases of commands with a week close and then a quarter close between them, every
     * record timestamp later than the one before, the live pipeline caught up before and after
     * each close: then the order Kafka Streams replays is the order the live pipeline saw.
     */
    private void feed(List<AccountCommand> commands) throws Exception {
        long timestampMs = System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
        try (KafkaProducer<String, SpecificRecord> producer =
                Clients.producer(kafka.bootstrapServers(), kafka.serdeConfig)) {
            for (int phase = 0; phase < 3; phase++) {
                List<AccountCommand> batch =
                        commands.subList(phase * COMMANDS_PER_PHASE, (phase + 1) * COMMANDS_PER_PHASE);
                timestampMs = send(producer, batch, timestampMs);
                awaitLiveCaughtUp();
                if (phase == 0) {
                    CalendarPublisher.publish(
                            producer,
                            kafka.topics.calendar(),
                            AccountCommands.calendar(CalendarKind.WEEK_CLOSE, "2026-W48", timestampMs++));
                } else if (phase == 1) {
                    CalendarPublisher.publish(
                            producer,
                            kafka.topics.calendar(),
                            AccountCommands.calendar(CalendarKind.QUARTER_CLOSE, "2026-Q4", timestampMs++));
                }
                awaitLiveCaughtUp();
            }
        }
        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), WAIT);
        Set<LedgerEntryType> kinds = kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT).stream()
                .map(LedgerEntry::getEntryType)
                .collect(Collectors.toSet());
        assertThat(kinds)
                .as("the live pipeline forked, merged and reinvested")
                .contains(LedgerEntryType.FORK_OUT, LedgerEntryType.MERGE_IN, LedgerEntryType.REINVESTMENT);
    }

    /**
     * A live pipeline behind on commands when a calendar event arrives may apply it before commands
     * with earlier timestamps (docs/operations.md): the feed lets it catch up around each close.
     */
    private void awaitLiveCaughtUp() {
        try (DrillCluster cluster = new DrillCluster(kafka.bootstrapServers(), kafka.serdeConfig)) {
            cluster.awaitCommitted(
                    StreamsSettings.DEFAULT_APPLICATION_ID,
                    cluster.endOffsets(List.of(kafka.topics.commands(), kafka.topics.calendar())),
                    System.nanoTime() + WAIT.toNanos(),
                    () -> live.streams().state().isRunningOrRebalancing());
        }
    }

    /** Sends in order with timestamps from {@code firstMs} on; returns the next free timestamp. */
    private long send(KafkaProducer<String, SpecificRecord> producer, List<AccountCommand> batch, long firstMs)
            throws InterruptedException, ExecutionException {
        long timestampMs = firstMs;
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (AccountCommand command : batch) {
            sends.add(producer.send(new ProducerRecord<>(
                    kafka.topics.commands(), null, timestampMs++, command.getPortfolioId(), command)));
        }
        for (Future<RecordMetadata> sent : sends) {
            sent.get();
        }
        return timestampMs;
    }

    private Set<String> topicsStartingWith(String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            return admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(prefix))
                    .collect(Collectors.toSet());
        }
    }
}
