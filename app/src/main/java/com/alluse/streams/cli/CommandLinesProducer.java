package com.alluse.streams.cli;

import com.alluse.streams.client.json.InvalidCommandJsonException;
import com.alluse.streams.client.json.JsonLinesReader;
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
 * portfolio id and stamped with its event time, or a broker snapshot keyed by its account id and
 * stamped with its as-of time: {@link LineFormat}), and reports each invalid line as
 * {@code line N: <reason>}.
 * It stops reading at the first send failure that is not about one record.
 */
final class CommandLinesProducer {
    /** A command is well under 1 KiB; the bound keeps a runaway line from exhausting memory. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final Producer<String, SpecificRecord> producer;
    private final String topic;
    private final TimestampWindow timestamps;
    private final Clock clock;
    private final PrintWriter err;
    private final LineFormat.Parser parser;
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

    CommandLinesProducer(
            Producer<String, SpecificRecord> producer,
            String topic,
            TimestampWindow timestamps,
            Clock clock,
            PrintWriter err) {
        this(producer, topic, LineFormat.COMMANDS, timestamps, clock, err);
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
        this.timestamps = timestamps;
        this.clock = clock;
        this.err = err;
        this.parser = format.parser(clock);
        this.sends = new SendTracker(err);
    }

    /** Sends every valid line until the end of the input or a failure; then flushes, unless it failed. */
    void sendAll(InputStream in) throws IOException {
        JsonLinesReader lines = new JsonLinesReader(in, MAX_LINE_BYTES);
        for (JsonLinesReader.Line line = lines.next(); line != null && !sends.failed(); line = lines.next()) {
            if (line.isValid() && line.text().isBlank()) {
                continue;
            }
            Optional<LineFormat.Parsed> parsed = parse(line);
            if (parsed.isEmpty()) {
                invalidLines++;
                continue;
            }
            send(line.number(), parsed.get());
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

    private void send(long lineNumber, LineFormat.Parsed parsed) {
        try {
            producer.send(
                    new ProducerRecord<>(topic, null, parsed.timestampMs(), parsed.key(), parsed.value()),
                    sends.forLine(lineNumber));
            sends.sent();
        } catch (KafkaException e) {
            sends.fail(lineNumber, e); // e.g. the schema registry is unreachable: the value cannot be serialized
        }
    }

    private Optional<LineFormat.Parsed> parse(JsonLinesReader.Line line) {
        String reason;
        if (!line.isValid()) {
            reason = line.problem();
        } else {
            try {
                LineFormat.Parsed parsed = parser.parse(line.text());
                Optional<String> outside = timestamps.violation(parsed.timestampMs(), clock.millis());
                if (outside.isEmpty()) {
                    return Optional.of(parsed);
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
