package com.alluse.streams.cli;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.client.json.CommandJson;
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
 * The body of `alluse produce`: sends one command per valid JSON line, keyed by its portfolio id
 * and stamped with its event time, and reports each invalid line as {@code line N: <reason>}.
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
    private final CommandJson parser;
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
        this.producer = producer;
        this.topic = topic;
        this.timestamps = timestamps;
        this.clock = clock;
        this.err = err;
        this.parser = new CommandJson(clock);
        this.sends = new SendTracker(err);
    }

    /** Sends every valid line until the end of the input or a failure; then flushes, unless it failed. */
    void sendAll(InputStream in) throws IOException {
        JsonLinesReader lines = new JsonLinesReader(in, MAX_LINE_BYTES);
        for (JsonLinesReader.Line line = lines.next(); line != null && !sends.failed(); line = lines.next()) {
            if (line.isValid() && line.text().isBlank()) {
                continue;
            }
            Optional<AccountCommand> command = parse(line);
            if (command.isEmpty()) {
                invalidLines++;
                continue;
            }
            send(line.number(), command.get());
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

    private void send(long lineNumber, AccountCommand command) {
        try {
            producer.send(
                    new ProducerRecord<>(topic, null, command.getEventTimeMs(), command.getPortfolioId(), command),
                    sends.forLine(lineNumber));
            sends.sent();
        } catch (KafkaException e) {
            sends.fail(lineNumber, e); // e.g. the schema registry is unreachable: the value cannot be serialized
        }
    }

    private Optional<AccountCommand> parse(JsonLinesReader.Line line) {
        String reason;
        if (!line.isValid()) {
            reason = line.problem();
        } else {
            try {
                AccountCommand command = parser.parse(line.text());
                Optional<String> outside = timestamps.violation(command.getEventTimeMs(), clock.millis());
                if (outside.isEmpty()) {
                    return Optional.of(command);
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
