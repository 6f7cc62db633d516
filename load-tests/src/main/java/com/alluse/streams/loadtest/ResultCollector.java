package com.alluse.streams.loadtest;

import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.client.Clients;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads the results topic (read_committed, no consumer group, from its end at construction) on
 * its own thread and matches each result to its command by command id. Latency is measured at
 * consume time: the result record's own timestamp is the command's (Streams forwards the input
 * timestamp), so it cannot tell when the result was written.
 */
final class ResultCollector implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long JOIN_TIMEOUT_MS = 10_000;

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final CommandTracker tracker;
    private final PerSecondCounter resultsPerSecond;
    private final Histogram latencyMicros = LatencySummary.newHistogram();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Map<String, Long> rejectReasons = new TreeMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private long internalErrors;
    private long pipelineOutputs;
    private long results;

    ResultCollector(String bootstrapServers, Map<String, Object> serdeConfig, String resultsTopic, CommandTracker tracker, long startNanos) {
        this.consumer = Clients.consumer(bootstrapServers, serdeConfig, null);
        this.tracker = tracker;
        this.resultsPerSecond = new PerSecondCounter(startNanos);
        Clients.assignAllAtEnd(consumer, resultsTopic);
        // seekToEnd is lazy: resolve the positions now, before any command of this phase is sent.
        for (TopicPartition partition : consumer.assignment()) {
            consumer.position(partition);
        }
        // Named apart from the processing threads, whose CPU is measured by name.
        this.thread = new Thread(this::run, "result-collector");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, SpecificRecord> batch = consumer.poll(POLL);
                long nowNanos = System.nanoTime();
                for (ConsumerRecord<String, SpecificRecord> record : batch) {
                    accept((CommandResult) record.value(), nowNanos);
                }
                resultsPerSecond.add(nowNanos, batch.count());
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        }
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
        pipelineOutputs += 1 + result.getLedgerEntryIds().size() + result.getAccountIds().size() + result.getEventIds().size();
    }

    /** Waits until every sent command has its result, or the timeout passes; true when none is missing. */
    boolean awaitAllResults(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tracker.outstanding() > 0 && System.nanoTime() < deadline && failure == null) {
            Thread.sleep(20);
        }
        return tracker.outstanding() == 0;
    }

    CommandTracker tracker() {
        return tracker;
    }

    RuntimeException failure() {
        return failure;
    }

    /** Stops the thread; the getters below are safe to read after this. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(JOIN_TIMEOUT_MS);
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.join(JOIN_TIMEOUT_MS);
        }
        consumer.close(Duration.ofSeconds(5));
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
