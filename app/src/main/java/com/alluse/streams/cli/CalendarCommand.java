package com.alluse.streams.cli;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.client.CalendarPublisher;
import com.alluse.streams.client.Clients;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Publishes one week close or quarter close to every partition of the calendar topic. */
@Command(
        name = "calendar",
        mixinStandardHelpOptions = true,
        description = {
            "Publish a calendar event (a week close or a quarter close) to every partition of the calendar topic, "
                    + "so that every stream task applies it to the portfolios it holds.",
            "The event id is <KIND>/<period>: publishing the same one again is safe, the pipeline applies it once. "
                    + "Its event time is the record timestamp, so the pipeline applies it after the commands with "
                    + "earlier event times."
        },
        footer = {
            "%nExamples:",
            "  alluse calendar WEEK_CLOSE --period 2026-W48",
            "  alluse calendar QUARTER_CLOSE --period 2026-Q4 --event-time 2026-12-31T21:00:00Z",
            "%nExit codes: 0 published; 2 bad options; 3 Kafka or the schema registry failed."
        })
final class CalendarCommand implements Callable<Integer> {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "KIND", description = "${COMPLETION-CANDIDATES}.")
    CalendarKind kind;

    @Option(
            names = "--period",
            required = true,
            paramLabel = "PERIOD",
            description = "ISO week for WEEK_CLOSE (2026-W48), quarter for QUARTER_CLOSE (2026-Q4).")
    String period;

    @Option(
            names = "--event-time",
            paramLabel = "INSTANT",
            description = "When the period closed, ISO-8601 (default: now).")
    Instant eventTime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<String> periodProblem = CalendarPeriods.problem(kind, period);
        if (periodProblem.isPresent()) {
            throw new ParameterException(spec.commandLine(), periodProblem.get());
        }
        PrintWriter err = spec.commandLine().getErr();
        long nowMs = System.currentTimeMillis();
        long eventTimeMs = eventTime != null ? eventTime.toEpochMilli() : nowMs;
        String topic = connection.topics().calendar();
        return ExitCodes.run(err, "publishing to " + topic, () -> {
            TopicPreflight.TopicFacts calendar = TopicPreflight.describe(connection.kafka(), topic);
            Optional<String> outside = calendar.timestamps().violation(eventTimeMs, nowMs);
            if (outside.isPresent()) {
                throw new ParameterException(spec.commandLine(), "--event-time: " + outside.get());
            }
            CalendarEvent event = AccountCommands.calendar(kind, period, eventTimeMs);
            int partitions = publish(topic, event);
            spec.commandLine()
                    .getOut()
                    .println("published " + event.getEventId() + " to " + partitions + " partitions of " + topic
                            + " (event time " + Instant.ofEpochMilli(eventTimeMs) + ")");
            return ExitCodes.OK;
        });
    }

    private int publish(String topic, CalendarEvent event) {
        KafkaProducer<String, SpecificRecord> producer = Clients.producer(connection.kafka(), connection.serdeConfig());
        try {
            return CalendarPublisher.publish(producer, topic, event);
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
    }
}
