package com.alluse.streams.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: a single embedded broker and registry, then every selected scenario in turn on its own
 * topics, then the report. A scenario that fails is recorded as an error and the run goes on.
 */
final class BenchmarkRun {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRun.class);
    static final String EOS_100MS = "eos-100ms";
    /** Exactly-once with a short commit interval: a result is readable sooner, at more commits per second. */
    static final String EOS_20MS = "eos-20ms";

    static final String PHYSICAL_LIMIT = "physical-limit";

    private final LoadTestOptions options;
    private final List<ScenarioResult> scenarios = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private BenchmarkRun(LoadTestOptions options) {
        this.options = options;
    }

    static RunReport run(LoadTestOptions options) throws IOException, InterruptedException {
        return new BenchmarkRun(options).execute();
    }

    /**
     * A work directory left by an earlier run (a killed one keeps it) holds broker logs whose records
     * name schema ids of that run's registry; the new, empty registry does not know them, so the
     * pipeline would fail on its own changelogs ("Schema N not found") instead of measuring.
     */
    static void requireEmptyWorkDir(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        try (var entries = Files.list(workDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException("The work directory " + workDir
                        + " is not empty (left by an earlier run with this run id?): delete it, or choose another"
                        + " --run-id or --work-dir");
            }
        }
    }

    private RunReport execute() throws IOException, InterruptedException {
        Files.createDirectories(options.resultsDir());
        requireEmptyWorkDir(options.workDir());
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        QueryResult query = null;
        List<QueryResult> openLoopQueries = List.of();
        ScaleResult scale = null;
        List<MemorySample> memory;
        try (RunMemorySampler sampler = new RunMemorySampler()) {
            try (BenchmarkEnvironment env =
                    BenchmarkEnvironment.start(options.workDir(), options.brokerInOwnProcess())) {
                sampler.watchBroker(env::brokerResidentBytes);
                ThroughputScenario throughput = new ThroughputScenario(env, options);
                warmUp(env, sampler);
                if (options.runs("throughput")) {
                    runThroughputGroup(throughput, sampler);
                }
                if (options.runs("latency")) {
                    for (double rate : options.latencyRatesPerSecond()) {
                        String suffix = "-at-" + (long) rate;
                        runScenario(
                                throughput,
                                sampler,
                                ScenarioSpec.pipeline(
                                        EOS_100MS + suffix, StreamsConfig.EXACTLY_ONCE_V2, 100, "uniform", rate));
                        runScenario(
                                throughput,
                                sampler,
                                ScenarioSpec.pipeline(
                                        EOS_20MS + suffix, StreamsConfig.EXACTLY_ONCE_V2, 20, "uniform", rate));
                        runScenario(
                                throughput, sampler, ScenarioSpec.physical(PHYSICAL_LIMIT + suffix, "uniform", rate));
                    }
                }
                if (options.runs("query")) {
                    sampler.scenario(QueryScenario.NAME);
                    List<QueryResult> queries =
                            guarded(QueryScenario.NAME, () -> new QueryScenario(env, options).run());
                    if (queries != null) {
                        query = queries.stream()
                                .filter(q -> !q.openLoop())
                                .findFirst()
                                .orElse(null);
                        openLoopQueries =
                                queries.stream().filter(QueryResult::openLoop).toList();
                        for (QueryResult q : queries) {
                            if (!q.clean()) {
                                errors.add(
                                        "query" + (q.openLoop() ? " at " + (long) q.targetRatePerSecond() + "/s" : "")
                                                + ": " + q.errors());
                            }
                        }
                    }
                }
                if (options.runs("scale")) {
                    sampler.scenario(ScaleScenario.NAME);
                    scale = guarded(ScaleScenario.NAME, () -> new ScaleScenario(env, options).run());
                    if (scale != null && !scale.clean()) {
                        errors.add("scale: " + scale.errors());
                    }
                }
            } finally {
                if (!options.keepWork()) {
                    DirectorySize.delete(options.workDir());
                }
            }
            memory = sampler.samples();
        }
        RunReport report = new RunReport(
                options.runId(),
                started.toString(),
                (System.nanoTime() - startNanos) / 1e9,
                MachineInfo.current(),
                settings(),
                scenarios,
                comparisons(),
                query,
                openLoopQueries,
                scale,
                memory,
                errors);
        new ReportWriter(options.resultsDir()).write(report);
        return report;
    }

    /**
     * Runs the pipeline and the copy loop once, unreported, so that the first measured scenario
     * does not pay for class loading and JIT compilation (it measured about 40% slower cold).
     */
    private void warmUp(BenchmarkEnvironment env, RunMemorySampler sampler) throws InterruptedException {
        if (options.warmupCommands() <= 0) {
            return;
        }
        sampler.scenario("warmup");
        ThroughputScenario warmup = new ThroughputScenario(
                env, options.withCounts(Math.max(1, options.warmupCommands() / 20), options.warmupCommands()));
        for (ScenarioSpec spec : List.of(
                ScenarioSpec.pipeline("warmup", StreamsConfig.EXACTLY_ONCE_V2, 100, "uniform", 0),
                ScenarioSpec.physical("warmup-physical", "uniform", 0))) {
            ScenarioResult result = guarded(spec.name(), () -> warmup.run(spec, options.outputsPerCommand()));
            if (result != null) {
                errors.addAll(result.errors().stream()
                        .map(error -> spec.name() + ": " + error)
                        .toList());
                LOG.info(
                        "{} done: {} commands/s (not reported)",
                        spec.name(),
                        Math.round(result.measured().commandsPerSecond()));
            }
        }
    }

    private void runThroughputGroup(ThroughputScenario throughput, RunMemorySampler sampler)
            throws InterruptedException {
        runScenario(
                throughput,
                sampler,
                ScenarioSpec.pipeline(EOS_100MS, StreamsConfig.EXACTLY_ONCE_V2, 100, "uniform", 0));
        runScenario(throughput, sampler, ScenarioSpec.physical(PHYSICAL_LIMIT, "uniform", 0));
        runScenario(
                throughput, sampler, ScenarioSpec.pipeline(EOS_20MS, StreamsConfig.EXACTLY_ONCE_V2, 20, "uniform", 0));
        runScenario(
                throughput,
                sampler,
                ScenarioSpec.pipeline("eos-1s", StreamsConfig.EXACTLY_ONCE_V2, 1_000, "uniform", 0));
        runScenario(
                throughput,
                sampler,
                ScenarioSpec.pipeline("alo-100ms", StreamsConfig.AT_LEAST_ONCE, 100, "uniform", 0));
        runScenario(
                throughput,
                sampler,
                ScenarioSpec.pipeline(EOS_100MS + "-zipf", StreamsConfig.EXACTLY_ONCE_V2, 100, options.zipfKeys(), 0));
    }

    private void runScenario(ThroughputScenario throughput, RunMemorySampler sampler, ScenarioSpec spec)
            throws InterruptedException {
        if (!options.runsScenario(spec.name())) {
            return;
        }
        sampler.scenario(spec.name());
        ScenarioResult result = guarded(spec.name(), () -> throughput.run(spec, outputsPerCommand()));
        if (result != null) {
            scenarios.add(result);
            errors.addAll(result.errors().stream()
                    .map(error -> spec.name() + ": " + error)
                    .toList());
            LOG.info(
                    "{}: {} commands/s ({} steady), p99 {} ms, errors {}",
                    spec.name(),
                    Math.round(result.measured().commandsPerSecond()),
                    Math.round(result.measured().steadyCommandsPerSecond()),
                    result.measured().latency().p99Micros() / 1000.0,
                    result.errors().size());
        }
    }

    /** The physical limit writes what the pipeline wrote per command in the first exactly-once scenario. */
    private double outputsPerCommand() {
        return scenarios.stream()
                .filter(s -> s.name().equals(EOS_100MS) && s.measured().results() > 0)
                .map(ScenarioResult::outputsPerCommand)
                .findFirst()
                .orElse(options.outputsPerCommand());
    }

    private List<Comparison> comparisons() {
        List<Comparison> comparisons = new ArrayList<>();
        Optional<ScenarioResult> physical = find(PHYSICAL_LIMIT);
        for (ScenarioResult scenario : scenarios) {
            if (scenario.kind().equals("physical-limit")) {
                continue;
            }
            if (scenario.name().contains("-at-")) {
                String rate = scenario.name().substring(scenario.name().indexOf("-at-"));
                find(PHYSICAL_LIMIT + rate).ifPresent(p -> comparisons.add(Comparison.of(scenario, p)));
            } else {
                physical.ifPresent(p -> comparisons.add(Comparison.of(scenario, p)));
            }
        }
        return comparisons;
    }

    private Optional<ScenarioResult> find(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private <T> T guarded(String name, ScenarioCall<T> call) throws InterruptedException {
        try {
            return call.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("Scenario {} failed", name, e);
            errors.add(name + " failed: " + e);
            return null;
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("groups", options.groups().stream().sorted().toList());
        settings.put(
                "scenarios",
                options.scenarios().isEmpty()
                        ? "all"
                        : options.scenarios().stream().sorted().toList());
        settings.put("seed", options.seed());
        settings.put("warmupCommands", options.warmupCommands());
        settings.put("partitions", options.pipeline().partitions());
        settings.put("streamThreads", options.pipeline().streamThreads());
        settings.put("rocksDbMemoryBytes", options.pipeline().rocksDbMemoryBytes());
        settings.put("streamsOverrides", options.pipeline().overrides());
        settings.put("portfolios", options.portfolios());
        settings.put("commands", options.commands());
        settings.put("maxInFlight", options.maxInFlight());
        settings.put("maxPhaseSeconds", options.maxPhaseDuration().toSeconds());
        settings.put("openLoopSeconds", options.openLoopDuration().toSeconds());
        settings.put("latencyRatesPerSecond", options.latencyRatesPerSecond());
        settings.put("zipfKeys", options.zipfKeys());
        settings.put(
                "calendarEverySeconds",
                options.calendarEvery() == null ? null : options.calendarEvery().toSeconds());
        settings.put("queryPortfolios", options.queryPortfolios());
        settings.put("queryClients", options.queryClients());
        settings.put("querySeconds", options.queryDuration().toSeconds());
        settings.put("queryRatesPerSecond", options.queryRatesPerSecond());
        settings.put("brokerInOwnProcess", options.brokerInOwnProcess());
        settings.put("scaleAccounts", options.scaleAccounts());
        settings.put("scaleProbeCommands", options.scaleProbeCommands());
        settings.put("forkThresholdCents", CommandGenerator.FORK_THRESHOLD_CENTS);
        settings.put("mergeThresholdCents", CommandGenerator.MERGE_THRESHOLD_CENTS);
        return settings;
    }

    @FunctionalInterface
    private interface ScenarioCall<T> {
        T run() throws Exception;
    }
}
