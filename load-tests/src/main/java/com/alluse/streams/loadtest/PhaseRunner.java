package com.alluse.streams.loadtest;

import com.alluse.streams.client.Clients;
import com.alluse.streams.topology.PipelineRole;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one phase: waits for the pipeline to be idle, sends a {@link LoadPlan}, collects every result, samples lag
 * and memory, summarises.
 */
final class PhaseRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseRunner.class);
    private static final int MISSING_EXAMPLES = 10;

    private final BenchmarkEnvironment env;
    private final Duration drainTimeout;

    PhaseRunner(BenchmarkEnvironment env, Duration drainTimeout) {
        this.env = env;
        this.drainTimeout = drainTimeout;
    }

    /**
     * @param topics where commands go and results come from
     * @param groupIds the pipeline's consumer groups, the one reading the commands first (for the lag); the phase
     *     starts when all of them are idle
     * @param cpuMarker names the processing threads whose CPU time is measured (the application id), or null
     * @param keys distribution of the mixed commands over the opened portfolios
     */
    PhaseResult run(
            String name,
            String idPrefix,
            PhaseTopics topics,
            List<String> groupIds,
            String cpuMarker,
            LoadPlan plan,
            KeyDistribution keys,
            long seed)
            throws InterruptedException {
        try (PipelineIdle idle = new PipelineIdle(env.bootstrapServers(), drainTimeout)) {
            for (String groupId : groupIds) {
                idle.await(groupId);
            }
        }
        CommandTracker tracker = new CommandTracker(idPrefix, plan.totalCommands());
        long startNanos = System.nanoTime();
        CpuUse cpuBefore = CpuUse.now(cpuMarker);
        long sendNanos;
        int calendarEvents;
        boolean complete;
        List<Sample> samples;
        String failure = null;
        ResultCollector collector =
                new ResultCollector(env.bootstrapServers(), env.serdeConfig(), topics.results(), tracker, startNanos);
        try (PhaseSampler sampler = new PhaseSampler(
                        env.bootstrapServers(), groupIds.get(0), topics.commands(), tracker, startNanos);
                KafkaProducer<String, SpecificRecord> producer =
                        Clients.producer(env.bootstrapServers(), env.serdeConfig())) {
            LoadDriver driver = new LoadDriver(
                    producer, topics.commands(), topics.calendar(), tracker, new CommandGenerator(seed, keys));
            sendNanos = driver.run(plan);
            calendarEvents = driver.calendarEvents();
            complete = collector.awaitAllResults(drainTimeout);
            samples = sampler.samples();
            LOG.info(
                    "{}: sent {} in {} s, {} results{}",
                    name,
                    tracker.sent(),
                    String.format("%.1f", sendNanos / 1e9),
                    tracker.resolved(),
                    complete
                            ? ""
                            : " (" + tracker.outstanding() + " missing after " + drainTimeout.toSeconds() + " s)");
        } finally {
            collector.close();
        }
        CpuUse cpu = CpuUse.now(cpuMarker).minus(cpuBefore);
        if (collector.failure() != null) {
            failure = "result consumer failed: " + collector.failure();
        }
        return summarise(name, plan, calendarEvents, tracker, collector, samples, sendNanos, cpu, failure);
    }

    private static PhaseResult summarise(
            String name,
            LoadPlan plan,
            int calendarEvents,
            CommandTracker tracker,
            ResultCollector collector,
            List<Sample> samples,
            long sendNanos,
            CpuUse cpu,
            String failure) {
        double activeSeconds = tracker.activeNanos() / 1e9;
        long accepted = collector.outcomes().getOrDefault("ACCEPTED", 0L);
        long rejected = collector.outcomes().getOrDefault("REJECTED", 0L);
        long missing = tracker.outstanding();
        long errors = tracker.sendErrors()
                + missing
                + tracker.repeatedResults()
                + tracker.unknownResults()
                + collector.internalErrors();
        List<Long> perSecond = collector.resultsPerSecond().perSecond();
        long maxLag = samples.stream().mapToLong(Sample::consumerLag).max().orElse(-1);
        return new PhaseResult(
                name,
                plan.ratePerSecond(),
                calendarEvents,
                tracker.sent(),
                collector.results(),
                tracker.sendErrors(),
                missing,
                tracker.repeatedResults(),
                tracker.unknownResults(),
                collector.internalErrors(),
                collector.outcomes(),
                collector.rejectReasons(),
                sendNanos / 1e9,
                activeSeconds,
                activeSeconds == 0 ? 0 : tracker.resolved() / activeSeconds,
                activeSeconds == 0 ? 0 : accepted / activeSeconds,
                PerSecondCounter.steadyRate(perSecond),
                collector.results() == 0 ? 0 : (double) rejected / collector.results(),
                tracker.sent() == 0 ? 0 : (double) errors / tracker.sent(),
                collector.outputsPerCommand(),
                LatencySummary.of(collector.latencyMicros()),
                cpu.microsPerResult(cpu.processingNanos(), collector.results()),
                cpu.microsPerResult(cpu.downstreamNanos(), collector.results()),
                cpu.microsPerResult(cpu.processNanos(), collector.results()),
                maxLag,
                perSecond,
                samples,
                tracker.missing(MISSING_EXAMPLES),
                failure);
    }

    /** CPU time of the processing threads and of the process; -1 where unknown. */
    private record CpuUse(long processingNanos, long downstreamNanos, long processNanos) {
        /** The downstream application's thread names start with its id, which starts with the marker: counted in both. */
        static CpuUse now(String marker) {
            return new CpuUse(
                    CpuMeter.threadsCpuNanos(marker),
                    marker == null ? -1 : CpuMeter.threadsCpuNanos(PipelineRole.DOWNSTREAM.applicationId(marker)),
                    CpuMeter.processCpuNanos());
        }

        CpuUse minus(CpuUse before) {
            return new CpuUse(
                    difference(processingNanos, before.processingNanos),
                    difference(downstreamNanos, before.downstreamNanos),
                    difference(processNanos, before.processNanos));
        }

        private static long difference(long after, long before) {
            return after < 0 || before < 0 ? -1 : after - before;
        }

        double microsPerResult(long nanos, long results) {
            return nanos < 0 || results == 0 ? -1 : nanos / 1_000.0 / results;
        }
    }

    /** The topics a phase talks to. */
    record PhaseTopics(String commands, String calendar, String results) {}
}
