package com.alluse.streams.processors.metrics;

import com.alluse.streams.avro.BufferBreach;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.DrawdownBreach;
import com.alluse.streams.avro.DrawdownCleared;
import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.MergeCompleted;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.ReinvestmentAllocated;
import com.alluse.streams.avro.ReinvestmentDeferred;
import com.alluse.streams.domain.CommandKind;
import com.alluse.streams.processors.internals.ExecutionReports;
import com.alluse.streams.processors.internals.InvariantViolationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The business meters. Every tag comes from a closed set (command kinds, outcomes, reason
 * codes, event kinds): no account or portfolio id ever becomes a label.
 */
public final class BusinessMetrics {
    /** Results older than this (replays, backfills) say nothing about current latency. */
    static final Duration MAX_MEASURED_LATENCY = Duration.ofHours(1);

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(30),
                Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(5)
    };
    /**
     * Write-path invariant violations (Prometheus {@code alluse_invariant_violations_total}). Like
     * every business metric here, it is counted from the ledger's committed output rather than in
     * the ledger's processors: a violation is dead-lettered (PROCESSING_FAILED) with the class of
     * {@link InvariantViolationException} as its error class, so an aborted and retried
     * transaction is not counted twice and the ledger never waits on a meter.
     */
    static final String INVARIANT_VIOLATIONS = "alluse.invariant.violations";

    private static final String INVARIANT_VIOLATION_ERROR = InvariantViolationException.class.getName();
    /**
     * Execution reports by what became of them (Prometheus {@code alluse_execution_reports_total}):
     * booked, duplicate (a redelivery, booked once), conflict (the same execution id with other
     * content), rejected (by the ledger: unknown or closed account...), malformed (dead-lettered).
     */
    static final String EXECUTION_REPORTS = "alluse.execution.reports";

    private static final String[] EXECUTION_OUTCOMES = {"booked", "duplicate", "conflict", "rejected", "malformed"};
    private static final Set<String> KINDS =
            Arrays.stream(CommandKind.values()).map(Enum::name).collect(Collectors.toSet());

    private final MeterRegistry registry;
    private final String executionsTopic;
    private final Timer commandLatency;
    private final Counter ledgerEntries;
    private final AumTracker aum;

    /** @param executionsTopic the execution reports' topic, whose dead letters count as malformed reports */
    public BusinessMetrics(MeterRegistry registry, String executionsTopic) {
        this.registry = registry;
        this.executionsTopic = executionsTopic;
        this.commandLatency = Timer.builder("alluse.command.latency")
                .description("From a command's event time to its result being observed")
                // A few fixed buckets around the targets (30 ms simple ops, 50 ms p99) keep the series count small.
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.ledgerEntries = Counter.builder("alluse.ledger.entries")
                .description("Ledger entries written by accepted commands")
                .register(registry);
        this.aum = new AumTracker(registry);
        registerRareCounters();
    }

    /**
     * Counters of rare events exist at zero from the start: Prometheus' increase() needs a
     * sample before the first event, or an alert on the first dead letter or breach never fires.
     */
    private void registerRareCounters() {
        Counter.builder("alluse.forks").description("Fork groups created").register(registry);
        Counter.builder("alluse.merges")
                .description("Fork groups merged into the main Com-Acc")
                .register(registry);
        for (String outcome : new String[] {"allocated", "deferred"}) {
            Counter.builder("alluse.reinvestments")
                    .tag("outcome", outcome)
                    .description("Quarterly reinvestments")
                    .register(registry);
        }
        Counter.builder("alluse.drawdown.breaches")
                .description("Weekly drawdown breaches")
                .register(registry);
        Counter.builder("alluse.drawdown.cleared")
                .description("Drawdown breaches cleared")
                .register(registry);
        Counter.builder("alluse.buffer.breaches")
                .description("Balances that fell below their cash buffer")
                .register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            Counter.builder("alluse.dead.letters")
                    .tag("reason", reason.name())
                    .description("Records written to the dead-letter topic")
                    .register(registry);
        }
        Counter.builder(INVARIANT_VIOLATIONS)
                .description("Steps refused because their changes broke a ledger invariant")
                .register(registry);
        for (String outcome : EXECUTION_OUTCOMES) {
            Counter.builder(EXECUTION_REPORTS)
                    .tag("outcome", outcome)
                    .description("Execution reports from the market integration, by what became of them")
                    .register(registry);
        }
        // AllUseRejectionRateHigh takes increase() of the REJECTED series: created by the first
        // rejection, a burst of rejections after a start was invisible (found by AlertCampaignIT).
        for (String kind : KINDS) {
            for (CommandOutcome outcome : CommandOutcome.values()) {
                registry.counter("alluse.commands", "kind", kind, "outcome", outcome.name());
            }
        }
    }

    public AumTracker aum() {
        return aum;
    }

    void result(CommandResult result, long nowMs) {
        String kind = KINDS.contains(result.getCommandKind()) ? result.getCommandKind() : "UNKNOWN";
        registry.counter(
                        "alluse.commands",
                        "kind",
                        kind,
                        "outcome",
                        result.getOutcome().name())
                .increment();
        if (result.getOutcome() == CommandOutcome.REJECTED) {
            registry.counter("alluse.rejections", "kind", kind, "reason", String.valueOf(result.getReasonCode()))
                    .increment();
        }
        if (result.getCommandId().startsWith(ExecutionReports.COMMAND_ID_PREFIX)) {
            registry.counter(EXECUTION_REPORTS, "outcome", executionOutcome(result))
                    .increment();
        }
        ledgerEntries.increment(result.getLedgerEntryIds().size());
        long latencyMs = nowMs - result.getEventTimeMs();
        if (latencyMs >= 0 && latencyMs <= MAX_MEASURED_LATENCY.toMillis()) {
            commandLatency.record(Duration.ofMillis(latencyMs));
        }
    }

    private static String executionOutcome(CommandResult result) {
        return switch (result.getOutcome()) {
            case ACCEPTED -> "booked";
            case DUPLICATE -> "duplicate";
            case REJECTED -> result.getReasonCode() == ReasonCode.IDEMPOTENCY_CONFLICT ? "conflict" : "rejected";
        };
    }

    void event(PortfolioEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof ForkCompleted) {
            registry.counter("alluse.forks").increment();
        } else if (payload instanceof MergeCompleted) {
            registry.counter("alluse.merges").increment();
        } else if (payload instanceof ReinvestmentAllocated) {
            registry.counter("alluse.reinvestments", "outcome", "allocated").increment();
        } else if (payload instanceof ReinvestmentDeferred) {
            registry.counter("alluse.reinvestments", "outcome", "deferred").increment();
        } else if (payload instanceof DrawdownBreach) {
            registry.counter("alluse.drawdown.breaches").increment();
        } else if (payload instanceof DrawdownCleared) {
            registry.counter("alluse.drawdown.cleared").increment();
        } else if (payload instanceof BufferBreach) {
            registry.counter("alluse.buffer.breaches").increment();
        }
    }

    void deadLetter(DeadLetter letter) {
        registry.counter("alluse.dead.letters", "reason", letter.getReason().name())
                .increment();
        if (executionsTopic.equals(letter.getSourceTopic())) {
            registry.counter(EXECUTION_REPORTS, "outcome", "malformed").increment();
        }
        if (INVARIANT_VIOLATION_ERROR.equals(letter.getErrorClass())) {
            registry.counter(INVARIANT_VIOLATIONS).increment();
        }
    }

    /**
     * Registers the undecodable-record counter of each output topic the monitoring reads at zero,
     * like the other rare counters: an alert on the first undecodable record needs a sample before it.
     */
    public void watchOutputTopics(Collection<String> topics) {
        topics.forEach(this::undecodableOutputs);
    }

    /** A record on an output topic that the monitoring could not decode: written by someone else. */
    void undecodableOutput(String topic) {
        undecodableOutputs(topic).increment();
    }

    private Counter undecodableOutputs(String topic) {
        return Counter.builder("alluse.undecodable.outputs")
                .tag("topic", topic)
                .description("Records on the pipeline's output topics that the monitoring could not decode")
                .register(registry);
    }
}
