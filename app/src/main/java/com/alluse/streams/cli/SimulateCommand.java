package com.alluse.streams.cli;

import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.reconciliation.ReconciliationConfig;
import com.alluse.streams.simulator.PlatformSimulation;
import com.alluse.streams.simulator.SimulationConfig;
import com.alluse.streams.simulator.SimulationOutcome;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.StreamsSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the platform simulator against the pipeline on a fresh embedded stack: a simulated strategy engine,
 * broker and calendar around the real topology, one line per simulated week (docs/simulator.md).
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Run the whole ALL-USE loop on a fresh embedded stack: simulated strategy engine, broker and"
                + " calendar around the pipeline, one line per simulated week.")
final class SimulateCommand implements Callable<Integer> {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--weeks",
            defaultValue = "26",
            description = "Simulated weeks, 1..104 (default: ${DEFAULT-VALUE}).")
    int weeks;

    @Option(
            names = "--portfolios",
            defaultValue = "100",
            description = "Portfolios opened in week 0, 1..10000 (default: ${DEFAULT-VALUE}).")
    int portfolios;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--redelivery-percent",
            defaultValue = "10",
            description = "Share of execution reports the broker delivers twice, 0..100 (default: ${DEFAULT-VALUE}).")
    int redeliveryPercent;

    @Option(
            names = "--discrepancies",
            defaultValue = "5",
            description = "Broker snapshots reported wrong on purpose (default: ${DEFAULT-VALUE}).")
    int discrepancies;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of the pipeline topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--step-timeout",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Bound of every wait on the pipeline, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration stepTimeout;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        SimulationConfig config = config();
        Path dataDir = Files.createTempDirectory("alluse-simulate-");
        out.println("Starting the embedded Kafka broker, schema registry and pipeline in " + dataDir + " ...");
        TopicNames topics = TopicNames.DEFAULT;
        try (LocalStack local = LocalStack.start(dataDir, 0, 0, partitions)) {
            Map<String, Object> serdeConfig = Map.of("schema.registry.url", local.registryUrl());
            PipelineConfig pipeline = new PipelineConfig(
                            topics, partitions, (short) 1, Duration.ofDays(7), RulesConfig.DEFAULTS, serdeConfig)
                    .withReconciliation(
                            ReconciliationConfig.DEFAULTS.withMaxWait(PlatformSimulation.RECONCILIATION_MAX_WAIT));
            try (AccountStreamsApp app = new AccountStreamsApp(
                    pipeline,
                    StreamsSettings.local(local.bootstrapServers(), dataDir.resolve("state"))
                            .toProperties(),
                    CLOSE_TIMEOUT)) {
                app.start(STARTUP_TIMEOUT);
                app.awaitRunning(STARTUP_TIMEOUT);
                out.println("Simulating " + weeks + " weeks of " + portfolios + " portfolios (seed " + seed + ", "
                        + redeliveryPercent + "% redelivered, " + discrepancies + " discrepancies) ...");
                long startedNanos = System.nanoTime();
                SimulationOutcome outcome = new PlatformSimulation(
                                config, KafkaConnection.plaintext(local.bootstrapServers()), topics, serdeConfig)
                        .run(week -> out.println(week.line()));
                printOutcome(out, outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
                return outcome.rejections().isEmpty()
                                && outcome.eventsAfterClose().isEmpty()
                        ? 0
                        : 1;
            }
        } finally {
            deleteQuietly(dataDir);
        }
    }

    /** The options as a configuration; a bad one is a usage error (exit code 2), found before anything starts. */
    private SimulationConfig config() {
        try {
            return new SimulationConfig(
                    weeks,
                    portfolios,
                    seed,
                    redeliveryPercent,
                    discrepancies,
                    stepTimeout,
                    SimulationConfig.DEFAULT_MAX_REPORTS_PER_STEP);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static void printOutcome(PrintStream out, SimulationOutcome outcome, Duration took) {
        out.println();
        out.println("Done in " + took.toSeconds() + " s: " + outcome.executions() + " executions ("
                + outcome.redeliveries() + " redelivered), market instructions " + outcome.instructions());
        out.println("Injected discrepancies "
                + outcome.discrepancies().bySnapshotId().keySet() + ", flagged "
                + outcome.notMatched().stream()
                        .map(result -> result.getSnapshotId() + " " + result.getStatus())
                        .toList());
        outcome.rejections()
                .forEach(rejected -> out.println("  rejected " + rejected.getCommandId() + ": "
                        + rejected.getReasonCode() + " " + rejected.getReasonMessage()));
        outcome.eventsAfterClose().forEach(event -> out.println("  strategy event after close: " + event));
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
