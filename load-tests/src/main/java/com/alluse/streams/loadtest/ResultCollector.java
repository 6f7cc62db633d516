package com.alluse.streams.loadtest;

import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.ResultFollower;
import com.alluse.streams.client.Topic;
import com.alluse.streams.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Follows the results topic with the client's {@link ResultFollower} (from its end at
 * construction) and matches each result to its command by command id. Latency is measured at
 * consume time: the result record's own timestamp is the command's (Streams forwards the input
 * timestamp), so it cannot tell when the result was written.
 */
final class ResultCollector implements AutoCloseable {
    private final ResultFollower follower;
    private final CommandTracker tracker;
    private final PerSecondCounter resultsPerSecond;
    private final Histogram latencyMicros = LatencySummary.newHistogram();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Map<String, Long> rejectReasons = new TreeMap<>();
    private long internalErrors;
    private long pipelineOutputs;
    private long results;

    ResultCollector(
            String bootstrapServers,
            Map<String, Object> serdeConfig,
            String resultsTopic,
            CommandTracker tracker,
            long startNanos) {
        this.tracker = tracker;
        this.resultsPerSecond = new PerSecondCounter(startNanos);
        // Named apart from the processing threads, whose CPU is measured by name; no command is awaited by future.
        this.follower = new ResultFollower(
                KafkaConnection.plaintext(bootstrapServers),
                new Topic<>(
                        resultsTopic, Serdes.String(), AvroSerdes.specific(CommandResult.class, serdeConfig, false)),
                ResultFollower.StartAt.END,
                0,
                this::accept,
                "result-collector");
    }

    private void accept(List<CommandResult> batch, long nowNanos) {
        for (CommandResult result : batch) {
            accept(result, nowNanos);
        }
        resultsPerSecond.add(nowNanos, batch.size());
    }

    private void accept(CommandResult result, long nowNanos) {
        results++;
        long latencyNanos = tracker.resolve(result.getCommandId(), nowNanos);
        if (latencyNanos >= 0) {
            LatencySummary.record(latencyMicros, latencyNanos);
        }
        outcomes.merge(result.getOutcome().name(), 1L, Long::sum);
        if (result.getReasonCode() != null) {
            rejectReasons.merge(result.getReasonCode().name(), 1L, Long::sum);
            if (result.getReasonCode() == ReasonCode.INTERNAL_ERROR) {
                internalErrors++;
            }
        }
        // What the pipeline wrote for this command: the result, its ledger entries, account states and events.
        pipelineOutputs += 1
                + result.getLedgerEntryIds().size()
                + result.getAccountIds().size()
                + result.getEventIds().size();
    }

    /** Waits until every sent command has its result, or the timeout passes; true when none is missing. */
    boolean awaitAllResults(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tracker.outstanding() > 0 && System.nanoTime() < deadline && follower.failure() == null) {
            Thread.sleep(20);
        }
        return tracker.outstanding() == 0;
    }

    CommandTracker tracker() {
        return tracker;
    }

    RuntimeException failure() {
        return follower.failure();
    }

    /** Stops the follower; the getters below are safe to read after this. */
    @Override
    public void close() {
        follower.close();
    }

    Histogram latencyMicros() {
        return latencyMicros;
    }

    PerSecondCounter resultsPerSecond() {
        return resultsPerSecond;
    }

    Map<String, Long> outcomes() {
        return outcomes;
    }

    Map<String, Long> rejectReasons() {
        return rejectReasons;
    }

    long internalErrors() {
        return internalErrors;
    }

    long results() {
        return results;
    }

    /** Output records per result, as the pipeline reports them in each result. */
    double outputsPerCommand() {
        return results == 0 ? 0 : (double) pipelineOutputs / results;
    }
}
