package com.alluse.streams.loadtest;

import com.alluse.streams.client.Clients;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one phase: sends a {@link LoadPlan}, collects every result, samples lag and memory, summarises. */
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
     * @param lagGroupId consumer group reading the commands (for the lag), or null
     * @param keys distribution of the mixed commands over the opened portfolios
     */
    PhaseResult run(String name, String idPrefix, PhaseTopics topics, String lagGroupId, LoadPlan plan, KeyDistribution keys, long seed)
            throws InterruptedException {
        CommandTracker tracker = new CommandTracker(idPrefix, plan.totalCommands());
        long startNanos = System.nanoTime();
        long sendNanos;
        int calendarEvents;
        boolean complete;
        List<Sample> samples;
        String failure = null;
        ResultCollector collector = new ResultCollector(env.bootstrapServers(), env.serdeConfig(), topics.results(), tracker, startNanos);
        try (PhaseSampler sampler = new PhaseSampler(env.bootstrapServers(), lagGroupId, topics.commands(), tracker, startNanos);
                KafkaProducer<String, SpecificRecord> producer = Clients.producer(env.bootstrapServers(), env.serdeConfig())) {
            LoadDriver driver = new LoadDriver(producer, topics.commands(), topics.calendar(), tracker, new CommandGenerator(seed, keys));
            sendNanos = driver.run(plan);
            calendarEvents = driver.calendarEvents();
            complete = collector.awaitAllResults(drainTimeout);
            samples = sampler.samples();
            LOG.info("{}: sent {} in {} s, {} results{}", name, tracker.sent(), String.format("%.1f", sendNanos / 1e9), tracker.resolved(),
                    complete ? "" : " (" + tracker.outstanding() + " missing after " + drainTimeout.toSeconds() + " s)");
        } finally {
            collector.close();
        }
        if (collector.failure() != null) {
            failure = "result consumer failed: " + collector.failure();
        }
        return summarise(name, plan, calendarEvents, tracker, collector, samples, sendNanos, failure);
    }

    private static PhaseResult summarise(String name, LoadPlan plan, int calendarEvents, CommandTracker tracker, ResultCollector collector,
            List<Sample> samples, long sendNanos, String failure) {
        double activeSeconds = tracker.activeNanos() / 1e9;
        long accepted = collector.outcomes().getOrDefault("ACCEPTED", 0L);
        long rejected = collector.outcomes().getOrDefault("REJECTED", 0L);
        long missing = tracker.outstanding();
        long errors = tracker.sendErrors() + missing + tracker.repeatedResults() + tracker.unknownResults() + collector.internalErrors();
        List<Long> perSecond = collector.resultsPerSecond().perSecond();
        long maxLag = samples.stream().mapToLong(Sample::consumerLag).max().orElse(-1);
        return new PhaseResult(name, plan.ratePerSecond(), calendarEvents, tracker.sent(), collector.results(), tracker.sendErrors(), missing,
                tracker.repeatedResults(), tracker.unknownResults(), collector.internalErrors(),
                collector.outcomes(), collector.rejectReasons(),
                sendNanos / 1e9, activeSeconds,
                activeSeconds == 0 ? 0 : tracker.resolved() / activeSeconds,
                activeSeconds == 0 ? 0 : accepted / activeSeconds,
                PerSecondCounter.steadyRate(perSecond),
                collector.results() == 0 ? 0 : (double) rejected / collector.results(),
                tracker.sent() == 0 ? 0 : (double) errors / tracker.sent(),
                collector.outputsPerCommand(),
                LatencySummary.of(collector.latencyMicros()), maxLag, perSecond, samples,
                tracker.missing(MISSING_EXAMPLES), failure);
    }

    /** The topics a phase talks to. */
    record PhaseTopics(String commands, String calendar, String results) {}
}
