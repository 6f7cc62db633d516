package com.alluse.streams.loadtest;

import com.alluse.streams.client.TopicNames;
import com.alluse.streams.client.TopicReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link ScenarioSpec} on fresh topics (prefix {@code lt.<name>.}), a fresh application
 * id and state directory: first the portfolios are opened (closed loop), then the measured mix
 * runs, closed loop at maximum or open loop at the scenario's rate.
 */
final class ThroughputScenario {
    private static final Logger LOG = LoggerFactory.getLogger(ThroughputScenario.class);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(3);

    private final BenchmarkEnvironment env;
    private final LoadTestOptions options;
    private final PhaseRunner phases;

    ThroughputScenario(BenchmarkEnvironment env, LoadTestOptions options) {
        this.env = env;
        this.options = options;
        this.phases = new PhaseRunner(env, options.drainTimeout());
    }

    /** @param outputsPerCommand what the physical limit writes per command (measured from a pipeline scenario) */
    ScenarioResult run(ScenarioSpec spec, double outputsPerCommand) throws InterruptedException {
        LOG.info(
                "Scenario {} ({}, {}, commit {} ms, keys {}, {})",
                spec.name(),
                spec.kind(),
                spec.processingGuarantee(),
                spec.commitIntervalMs(),
                spec.keys(),
                spec.ratePerSecond() > 0 ? "open loop at " + (long) spec.ratePerSecond() + "/s" : "closed loop");
        return spec.physicalLimit() ? runPhysical(spec, outputsPerCommand) : runPipeline(spec);
    }

    private ScenarioResult runPipeline(ScenarioSpec spec) throws InterruptedException {
        PipelineSpec pipelineSpec =
                options.pipeline().withGuarantee(spec.processingGuarantee(), spec.commitIntervalMs());
        List<String> errors = new ArrayList<>();
        try (PipelineInstance pipeline = PipelineInstance.start(env, pipelineSpec, spec.name(), false)) {
            TopicNames topics = pipeline.topics();
            PhaseRunner.PhaseTopics phaseTopics =
                    new PhaseRunner.PhaseTopics(topics.commands(), topics.calendar(), topics.commandResults());
            PhaseResult opens = phases.run(
                    spec.name() + "/opens",
                    "o",
                    phaseTopics,
                    pipeline.groupIds(),
                    pipeline.applicationId(),
                    openPlan(),
                    keys(spec),
                    options.seed());
            PhaseResult measured = phases.run(
                    spec.name() + "/mix",
                    "c",
                    phaseTopics,
                    pipeline.groupIds(),
                    pipeline.applicationId(),
                    mixPlan(spec, true),
                    keys(spec),
                    options.seed() + 1);
            TopicReader reader = new TopicReader(env.bootstrapServers(), env.serdeConfig(), READ_TIMEOUT);
            Map<String, Long> events = reader.portfolioEventKinds(topics.portfolioEvents());
            long deadLetters = reader.count(topics.deadLetters());
            long forks = events.getOrDefault("ForkCompleted", 0L);
            long merges = events.getOrDefault("MergeCompleted", 0L);
            long stateBytes = DirectorySize.bytes(pipeline.stateDir());
            collectErrors(errors, opens, measured);
            if (deadLetters > 0) {
                errors.add(deadLetters + " records on " + topics.deadLetters());
            }
            if (pipeline.threadReplacements() > 0) {
                errors.add(pipeline.threadReplacements() + " stream threads died and were replaced");
            }
            return new ScenarioResult(
                    spec.name(),
                    spec.kind(),
                    spec.processingGuarantee(),
                    spec.commitIntervalMs(),
                    spec.keys(),
                    options.portfolios(),
                    measured.outputsPerCommand(),
                    opens,
                    measured,
                    forks,
                    merges,
                    measured.activeSeconds() == 0 ? 0 : (forks + merges) / measured.activeSeconds(),
                    measured.calendarEvents(),
                    deadLetters,
                    stateBytes,
                    pipeline.lastStartMillis(),
                    errors);
        } finally {
            DirectorySize.delete(env.workDir().resolve("state-" + spec.name()));
        }
    }

    private ScenarioResult runPhysical(ScenarioSpec spec, double outputsPerCommand) throws InterruptedException {
        String prefix = "lt." + spec.name() + ".";
        PhaseRunner.PhaseTopics phaseTopics =
                new PhaseRunner.PhaseTopics(prefix + "commands", null, prefix + "command-results");
        long startNanos = System.nanoTime();
        createTopics(List.of(phaseTopics.commands(), phaseTopics.results(), prefix + "copies"));
        List<String> errors = new ArrayList<>();
        try (PhysicalLimitCopier copier = new PhysicalLimitCopier(
                env,
                options.pipeline(),
                phaseTopics.commands(),
                phaseTopics.results(),
                prefix + "copies",
                outputsPerCommand)) {
            copier.start();
            long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
            String group = "physical-limit-" + phaseTopics.commands();
            PhaseResult opens = phases.run(
                    spec.name() + "/opens",
                    "o",
                    phaseTopics,
                    List.of(group),
                    PhysicalLimitCopier.THREAD_MARKER,
                    openPlan(),
                    keys(spec),
                    options.seed());
            PhaseResult measured = phases.run(
                    spec.name() + "/mix",
                    "c",
                    phaseTopics,
                    List.of(group),
                    PhysicalLimitCopier.THREAD_MARKER,
                    mixPlan(spec, false),
                    keys(spec),
                    options.seed() + 1);
            collectErrors(errors, opens, measured);
            if (copier.failure() != null) {
                errors.add("copy loop failed: " + copier.failure());
            }
            return new ScenarioResult(
                    spec.name(),
                    spec.kind(),
                    spec.processingGuarantee(),
                    spec.commitIntervalMs(),
                    spec.keys(),
                    options.portfolios(),
                    outputsPerCommand,
                    opens,
                    measured,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    startMillis,
                    errors);
        }
    }

    private void createTopics(List<String> names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()))) {
            List<NewTopic> topics = names.stream()
                    .map(name -> new NewTopic(name, options.pipeline().partitions(), (short) 1))
                    .toList();
            // KAFKA-15591: wait until every partition answers before producing.
            TopicReadiness.createAndAwaitWritable(admin, topics, Duration.ofMinutes(1));
        }
    }

    private LoadPlan openPlan() {
        return new LoadPlan(0, options.portfolios(), 0, 0, options.maxInFlight(), options.maxPhaseDuration(), null);
    }

    private LoadPlan mixPlan(ScenarioSpec spec, boolean withCalendar) {
        int commands = spec.ratePerSecond() > 0
                ? (int) Math.min(
                        Integer.MAX_VALUE - 1,
                        spec.ratePerSecond() * options.openLoopDuration().toSeconds())
                : options.commands();
        // Open loop: the window only guards memory (it is far above rate x latency); closed loop: it sets the pace.
        int window = spec.ratePerSecond() > 0
                ? Math.max(options.maxInFlight(), (int) Math.min(1_000_000, spec.ratePerSecond() * 30))
                : options.maxInFlight();
        return new LoadPlan(
                options.portfolios(),
                options.portfolios(),
                commands,
                spec.ratePerSecond(),
                window,
                options.maxPhaseDuration(),
                withCalendar ? options.calendarEvery() : null);
    }

    private KeyDistribution keys(ScenarioSpec spec) {
        return KeyDistribution.parse(spec.keys(), options.portfolios());
    }

    private static void collectErrors(List<String> errors, PhaseResult... results) {
        for (PhaseResult result : results) {
            if (result.errorCount() > 0) {
                errors.add(result.name() + ": " + result.sendErrors() + " send errors, " + result.missingResults()
                        + " missing results, "
                        + result.repeatedResults() + " repeated, " + result.unknownResults() + " unknown, "
                        + result.internalErrors()
                        + " INTERNAL_ERROR" + (result.failure() == null ? "" : ", " + result.failure())
                        + (result.missingExamples().isEmpty() ? "" : ", missing e.g. " + result.missingExamples()));
            }
        }
    }
}
