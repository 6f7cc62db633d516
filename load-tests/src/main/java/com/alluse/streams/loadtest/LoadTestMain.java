package com.alluse.streams.loadtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load test's command line: runs the selected scenario groups against one in-process
 * embedded broker and writes report.json, report.md and charts to {@code <results-dir>/<run-id>/}.
 * Exits 0 when every command got exactly one result and no scenario failed, 1 otherwise; speed
 * never changes the exit code.
 */
@Command(
        name = "alluse-load-test",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Benchmarks the ALL-USE pipeline beside its physical limit (a stateless transactional copy loop) on one embedded broker.")
public final class LoadTestMain implements Callable<Integer> {

    @Option(names = "--run-id", description = "Name of the results folder (default: the start time, yyyyMMdd-HHmmss).")
    String runId;

    @Option(
            names = "--results-dir",
            defaultValue = "load-tests/results",
            description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @Option(
            names = "--work-dir",
            description = "Broker data and state directories (default: a temporary folder, deleted at the end).")
    Path workDir;

    @Option(names = "--keep-work", description = "Keep the work directory after the run.")
    boolean keepWork;

    @Option(
            names = "--broker-process",
            description = "Run the broker in a JVM of its own: this process's RSS and CPU are then the pipeline's,"
                    + " the registry's and the load generator's; the broker's RSS is reported beside it.")
    boolean brokerProcess;

    @Option(
            names = "--smoke",
            description = "Tiny counts (about a minute): checks that nothing is lost, measures nothing worth quoting.")
    boolean smoke;

    @Option(
            names = "--only",
            split = ",",
            description = "Scenario groups: throughput, latency, query, scale (default: all).")
    List<String> groups = new ArrayList<>(LoadTestOptions.ALL_GROUPS);

    @Option(
            names = "--scenarios",
            split = ",",
            description = "Only these throughput/latency scenarios, by name (default: all of the groups').")
    List<String> scenarios = List.of();

    @Option(
            names = "--warmup-commands",
            defaultValue = "30000",
            description =
                    "Commands of an unreported pipeline run first, so the first scenario is not measured on a cold JVM; 0 for none (default: ${DEFAULT-VALUE}).")
    int warmupCommands;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of every command mix (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of every scenario's topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "Stream threads of the pipeline (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--rocksdb-memory-bytes",
            defaultValue = "134217728",
            description = "RocksDB memory bound (default: ${DEFAULT-VALUE}).")
    long rocksDbMemoryBytes;

    @Option(
            names = "--streams-config",
            description = "Extra Kafka Streams setting key=value for every pipeline scenario (repeatable).")
    Map<String, String> streamsConfig = Map.of();

    @Option(
            names = "--downstream-apart",
            description =
                    "Run the downstream processors as an application of their own beside the ledger (roles ledger + downstream in this JVM).")
    boolean downstreamApart;

    @Option(
            names = "--portfolios",
            defaultValue = "10000",
            description = "Portfolios per throughput/latency scenario (default: ${DEFAULT-VALUE}).")
    int portfolios;

    @Option(
            names = "--commands",
            defaultValue = "200000",
            description = "Commands of each closed-loop mix (default: ${DEFAULT-VALUE}).")
    int commands;

    @Option(
            names = "--max-in-flight",
            defaultValue = "10000",
            description = "Closed-loop window of commands without a result (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(
            names = "--max-phase-seconds",
            defaultValue = "120",
            description = "Bound on sending in one phase (default: ${DEFAULT-VALUE}).")
    long maxPhaseSeconds;

    @Option(
            names = "--open-loop-seconds",
            defaultValue = "30",
            description = "Length of each open-loop latency scenario (default: ${DEFAULT-VALUE}).")
    long openLoopSeconds;

    @Option(
            names = "--latency-rates",
            split = ",",
            description = "Open-loop rates in commands/s (default: 2000,10000).")
    List<Double> latencyRates = List.of(2_000.0, 10_000.0);

    @Option(
            names = "--zipf",
            defaultValue = "zipf:0.99",
            description = "Key distribution of the hot-key scenario (default: ${DEFAULT-VALUE}).")
    String zipfKeys;

    @Option(
            names = "--calendar-every-seconds",
            defaultValue = "20",
            description = "A calendar close this often during pipeline mixes; 0 for none (default: ${DEFAULT-VALUE}).")
    long calendarEverySeconds;

    @Option(
            names = "--drain-seconds",
            defaultValue = "180",
            description = "How long a phase waits for its last results (default: ${DEFAULT-VALUE}).")
    long drainSeconds;

    @Option(
            names = "--outputs-per-command",
            defaultValue = "6.0",
            description =
                    "Physical-limit fan-out when no pipeline scenario measured it first (default: ${DEFAULT-VALUE}).")
    double outputsPerCommand;

    @Option(
            names = "--query-portfolios",
            defaultValue = "10000",
            description = "Portfolios opened for the query scenario (default: ${DEFAULT-VALUE}).")
    int queryPortfolios;

    @Option(
            names = "--query-clients",
            defaultValue = "250",
            description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
    int queryClients;

    @Option(
            names = "--query-warmup-seconds",
            defaultValue = "5",
            description = "Unmeasured query warm-up (default: ${DEFAULT-VALUE}).")
    long queryWarmupSeconds;

    @Option(
            names = "--query-seconds",
            defaultValue = "30",
            description = "Measured query time (default: ${DEFAULT-VALUE}).")
    long querySeconds;

    @Option(
            names = "--query-rates",
            split = ",",
            description = "Open-loop query rates per second, run after the closed loop (default: 5000).")
    List<Double> queryRates = List.of(5_000.0);

    @Option(
            names = "--scale-accounts",
            split = ",",
            description = "Account counts the scale scenario grows through (default: 100000,300000,1000000).")
    List<Long> scaleAccounts = List.of(100_000L, 300_000L, 1_000_000L);

    @Option(
            names = "--scale-probe-commands",
            defaultValue = "50000",
            description = "Mix commands measured at each scale step (default: ${DEFAULT-VALUE}).")
    int scaleProbeCommands;

    @Option(
            names = "--scale-load-seconds",
            defaultValue = "900",
            description = "Bound on opening one scale step's portfolios (default: ${DEFAULT-VALUE}).")
    long scaleLoadSeconds;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new LoadTestMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LoadTestOptions options = options();
        RunReport report = BenchmarkRun.run(options);
        System.out.println(Files.readString(options.resultsDir().resolve(ReportWriter.MARKDOWN)));
        System.out.println("Report: " + options.resultsDir().toAbsolutePath());
        return report.clean() ? 0 : 1;
    }

    LoadTestOptions options() {
        String id = runId != null ? runId : LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path results = resultsDir.resolve(id);
        Path work = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "alluse-load-" + id);
        if (smoke) {
            LoadTestOptions preset = LoadTestOptions.smoke(results, work);
            return new LoadTestOptions(
                    id,
                    results,
                    work,
                    new LinkedHashSet<>(groups),
                    scenarios.isEmpty() ? preset.scenarios() : new LinkedHashSet<>(scenarios),
                    preset.seed(),
                    preset.pipeline(),
                    preset.portfolios(),
                    preset.commands(),
                    preset.maxInFlight(),
                    preset.maxPhaseDuration(),
                    preset.openLoopDuration(),
                    preset.latencyRatesPerSecond(),
                    preset.zipfKeys(),
                    preset.calendarEvery(),
                    preset.drainTimeout(),
                    preset.outputsPerCommand(),
                    preset.queryPortfolios(),
                    preset.queryClients(),
                    preset.queryWarmup(),
                    preset.queryDuration(),
                    preset.queryRatesPerSecond(),
                    preset.scaleAccounts(),
                    preset.scaleProbeCommands(),
                    preset.maxScaleLoadDuration(),
                    preset.warmupCommands(),
                    brokerProcess,
                    keepWork);
        }
        PipelineSpec pipeline = new PipelineSpec(
                "exactly_once_v2", 100, threads, partitions, rocksDbMemoryBytes, streamsConfig, downstreamApart);
        return new LoadTestOptions(
                id,
                results,
                work,
                new LinkedHashSet<>(groups),
                new LinkedHashSet<>(scenarios),
                seed,
                pipeline,
                portfolios,
                commands,
                maxInFlight,
                Duration.ofSeconds(maxPhaseSeconds),
                Duration.ofSeconds(openLoopSeconds),
                latencyRates,
                zipfKeys,
                calendarEverySeconds > 0 ? Duration.ofSeconds(calendarEverySeconds) : null,
                Duration.ofSeconds(drainSeconds),
                outputsPerCommand,
                queryPortfolios,
                queryClients,
                Duration.ofSeconds(queryWarmupSeconds),
                Duration.ofSeconds(querySeconds),
                queryRates,
                scaleAccounts,
                scaleProbeCommands,
                Duration.ofSeconds(scaleLoadSeconds),
                warmupCommands,
                brokerProcess,
                keepWork);
    }
}
