package com.alluse.streams.cli;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.client.json.CommandJson;
import com.alluse.streams.client.json.ExecutionReportJson;
import com.alluse.streams.client.json.InvalidCommandJsonException;
import com.alluse.streams.client.json.JsonLinesReader;
import com.alluse.streams.client.json.SnapshotJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * The body of `alluse produce`: sends one record per valid JSON line (a command keyed by its
 * portfolio id, or an execution report or a broker snapshot keyed by its account id), stamped
 * with its event, transaction or as-of time, and reports each invalid line as
 * {@code line N: <reason>}. It stops reading at the first send failure that is not about one
 * record.
 */
final class CommandLinesProducer {
    /** A command is well under 1 KiB; the bound keeps a runaway line from exhausting memory. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final Producer<String, SpecificRecord> producer;
    private final String topic;
    private final TimestampWindow timestamps;
    private final Clock clock;
    private final PrintWriter err;
    private final LineFormat format;
    private final SendTracker sends;
    private long invalidLines;

    /** What happened, once every send has completed (after the producer is closed). */
    record Summary(long produced, long skipped, String failure, long unconfirmed) {
        int exitCode() {
            if (failure != null) {
                return ExitCodes.KAFKA_FAILURE;
            }
            return skipped == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        }
    }

    /** One line's record: the key, the timestamp (its event time) and the value to send. */
    record LineRecord(String key, long timestampMs, SpecificRecord value) {}

    /** How a line becomes a record; InvalidCommandJsonException says why it cannot. */
    @FunctionalInterface
    interface LineFormat {
        LineRecord parse(String line) throws InvalidCommandJsonException;

        /** Account commands, keyed by portfolio id. */
        static LineFormat commands(Clock clock) {
            CommandJson parser = new CommandJson(clock);
            return line -> {
                AccountCommand command = parser.parse(line);
                return new LineRecord(command.getPortfolioId(), command.getEventTimeMs(), command);
            };
        }

        /** Execution reports, keyed by account id, stamped with their transaction time. */
        static LineFormat executionReports(Clock clock) {
            ExecutionReportJson parser = new ExecutionReportJson(clock);
            return line -> {
                ExecutionReport report = parser.parse(line);
                return new LineRecord(report.getAccountId(), report.getTransactTimeMs(), report);
            };
        }

        /** Broker snapshots, keyed by account id, stamped with their as-of time. */
        static LineFormat brokerSnapshots() {
            SnapshotJson parser = new SnapshotJson();
            return line -> {
                BrokerSnapshot snapshot = parser.parse(line);
                return new LineRecord(snapshot.getAccountId(), snapshot.getAsOfMs(), snapshot);
            };
        }
    }

    CommandLinesProducer(
            Producer<String, SpecificRecord> producer,
            String topic,
            TimestampWindow timestamps,
            Clock clock,
            PrintWriter err) {
        this(producer, topic, LineFormat.commands(clock), timestamps, clock, err);
    }

    CommandLinesProducer(
            Producer<String, SpecificRecord> producer,
            String topic,
            LineFormat format,
            TimestampWindow timestamps,
            Clock clock,
            PrintWriter err) {
        this.producer = producer;
        this.topic = topic;
        this.format = format;
        this.timestamps = timestamps;
        this.clock = clock;
        this.err = err;
        this.sends = new SendTracker(err);
    }

    /** Sends every valid line until the end of the input or a failure; then flushes, unless it failed. */
    void sendAll(InputStream in) throws IOException {
        JsonLinesReader lines = new JsonLinesReader(in, MAX_LINE_BYTES);
        for (JsonLinesReader.Line line = lines.next(); line != null && !sends.failed(); line = lines.next()) {
            if (line.isValid() && line.text().isBlank()) {
                continue;
            }
            Optional<LineRecord> record = parse(line);
            if (record.isEmpty()) {
                invalidLines++;
                continue;
            }
            send(line.number(), record.get());
        }
        if (!sends.failed()) {
            producer.flush(); // bounded: every record completes within the producer's delivery.timeout.ms
        }
    }

    boolean failed() {
        return sends.failed();
    }

    /** Call once the producer is closed: only then has every send's callback run. */
    Summary summary() {
        return new Summary(sends.confirmed(), invalidLines + sends.refused(), sends.failure(), sends.unconfirmed());
    }

    private void send(long lineNumber, LineRecord record) {
        try {
            producer.send(
                    new ProducerRecord<>(topic, null, record.timestampMs(), record.key(), record.value()),
                    sends.forLine(lineNumber));
            sends.sent();
        } catch (KafkaException e) {
            sends.fail(lineNumber, e); // e.g. the schema registry is unreachable: the value cannot be serialized
        }
    }

    private Optional<LineRecord> parse(JsonLinesReader.Line line) {
        String reason;
        if (!line.isValid()) {
            reason = line.problem();
        } else {
            try {
                LineRecord record = format.parse(line.text());
                Optional<String> outside = timestamps.violation(record.timestampMs(), clock.millis());
                if (outside.isEmpty()) {
                    return Optional.of(record);
                }
                reason = outside.get();
            } catch (InvalidCommandJsonException e) {
                reason = e.getMessage();
            }
        }
        err.println("line " + line.number() + ": " + reason);
        return Optional.empty();
    }
}
