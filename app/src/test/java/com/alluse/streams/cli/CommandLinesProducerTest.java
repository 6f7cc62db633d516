package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.Deposit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class CommandLinesProducerTest {
    private static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");
    private static final String TOPIC = "alluse.commands";
    private static final TimestampWindow ONE_HOUR_AHEAD =
            new TimestampWindow(false, Long.MAX_VALUE, Duration.ofHours(1).toMillis());

    private final ScriptedProducer producer = new ScriptedProducer();
    private final StringWriter errors = new StringWriter();
    private final CommandLinesProducer lines = new CommandLinesProducer(
            producer, TOPIC, ONE_HOUR_AHEAD, Clock.fixed(NOW, ZoneOffset.UTC), new PrintWriter(errors, true));

    /** A MockProducer that fails the sends of chosen command ids, as the cluster would. */
    static final class ScriptedProducer extends MockProducer<String, SpecificRecord> {
        final Map<String, RuntimeException> failures = new HashMap<>();
        int flushes;

        ScriptedProducer() {
            super(true, null, new StringSerializer(), (topic, value) -> new byte[0]);
        }

        @Override
        public synchronized Future<RecordMetadata> send(
                ProducerRecord<String, SpecificRecord> record, Callback callback) {
            RuntimeException failure =
                    record.value() instanceof AccountCommand command ? failures.get(command.getCommandId()) : null;
            if (failure == null) {
                return super.send(record, callback);
            }
            callback.onCompletion(null, failure);
            return CompletableFuture.failedFuture(failure);
        }

        @Override
        public synchronized void flush() {
            flushes++;
            super.flush();
        }

        List<String> sentCommandIds() {
            return history().stream()
                    .map(record -> ((AccountCommand) record.value()).getCommandId())
                    .toList();
        }
    }

    private static String deposit(String commandId, String amount) {
        return "{\"commandId\":\"" + commandId
                + "\",\"portfolioId\":\"P1\",\"type\":\"DEPOSIT\",\"accountId\":\"P1:GEN\",\"amount\":\"" + amount
                + "\"}";
    }

    private void sendAll(String... inputLines) throws IOException {
        lines.sendAll(new ByteArrayInputStream(String.join("\n", inputLines).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldRejectAmountWithThreeDecimalsWithLineNumber() throws IOException {
        sendAll(deposit("c1", "1.00"), deposit("c2", "1.005"), deposit("c3", "3.00"));

        assertThat(errors.toString())
                .isEqualTo("line 2: \"amount\" must have at most 2 fraction digits, got \"1.005\""
                        + System.lineSeparator());
        assertThat(producer.sentCommandIds()).containsExactly("c1", "c3");
        assertThat(lines.summary()).isEqualTo(new CommandLinesProducer.Summary(2, 1, null, 0));
        assertThat(lines.summary().exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void shouldKeyEachCommandByItsPortfolioAndStampItWithItsEventTime() throws IOException {
        sendAll(
                "{\"commandId\":\"c1\",\"portfolioId\":\"P7\",\"type\":\"DEPOSIT\",\"accountId\":\"P7:REV\",\"amountCents\":150,"
                        + "\"eventTime\":\"2026-11-24T02:00:00Z\"}");

        ProducerRecord<String, SpecificRecord> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(TOPIC);
        assertThat(sent.key()).isEqualTo("P7");
        assertThat(sent.partition()).isNull();
        assertThat(sent.timestamp())
                .isEqualTo(Instant.parse("2026-11-24T02:00:00Z").toEpochMilli());
        assertThat(((AccountCommand) sent.value()).getPayload()).isEqualTo(new Deposit("P7:REV", 150L));
        assertThat(lines.summary().exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(producer.flushes).isOne();
    }

    @Test
    void shouldSkipBlankLinesWithoutCountingThemAsInvalid() throws IOException {
        sendAll("", deposit("c1", "1.00"), "   ", "", deposit("c2", "x"));

        assertThat(errors.toString()).startsWith("line 5: ");
        assertThat(lines.summary()).isEqualTo(new CommandLinesProducer.Summary(1, 1, null, 0));
    }

    @Test
    void shouldReportEveryInvalidLineByNumberAndSendTheRest() throws IOException {
        sendAll(
                deposit("c1", "1.00"),
                "{not json",
                "{\"portfolioId\":\"P1\",\"type\":\"ACTIVATE\",\"accountId\":\"P1:GEN\"}",
                "{\"commandId\":\"c4\",\"portfolioId\":\"P1\",\"type\":\"TRANSFER\"}",
                "{\"commandId\":\"c5\",\"portfolioId\":\"P1\",\"type\":\"DEPOSIT\",\"accountId\":\"P1:GEN\"}",
                "x".repeat(CommandLinesProducer.MAX_LINE_BYTES + 1),
                deposit("c7", "0.00"));

        assertThat(errors.toString().lines())
                .satisfiesExactly(
                        line -> assertThat(line).startsWith("line 2: not valid JSON: "),
                        line -> assertThat(line).isEqualTo("line 3: missing \"commandId\""),
                        line -> assertThat(line).startsWith("line 4: unknown type \"TRANSFER\""),
                        line -> assertThat(line).startsWith("line 5: missing \"amount\""),
                        line -> assertThat(line).isEqualTo("line 6: line is longer than 65536 bytes"));
        assertThat(producer.sentCommandIds()).containsExactly("c1", "c7");
        assertThat(lines.summary()).isEqualTo(new CommandLinesProducer.Summary(2, 5, null, 0));
    }

    @Test
    void shouldRejectAnEventTimeTheTopicWouldRefuseWithoutSendingIt() throws IOException {
        sendAll(
                deposit("c1", "1.00").replace("}", ",\"eventTime\":\"2026-11-24T04:00:01Z\"}"),
                deposit("c2", "1.00").replace("}", ",\"eventTime\":\"2026-11-24T04:00:00Z\"}"));

        assertThat(errors.toString())
                .isEqualTo("line 1: event time 2026-11-24T04:00:01Z is more than PT1H in the future, which the topic "
                        + "rejects (message.timestamp.after.max.ms)" + System.lineSeparator());
        assertThat(producer.sentCommandIds()).containsExactly("c2");
    }

    @Test
    void shouldCountARecordRefusedByKafkaAsAnInvalidLineAndGoOn() throws IOException {
        producer.failures.put("c2", new InvalidTimestampException("timestamp out of range"));

        sendAll(deposit("c1", "1.00"), deposit("c2", "2.00"), deposit("c3", "3.00"));

        assertThat(errors.toString())
                .isEqualTo("line 2: refused by Kafka: timestamp out of range" + System.lineSeparator());
        assertThat(lines.summary()).isEqualTo(new CommandLinesProducer.Summary(2, 1, null, 0));
        assertThat(lines.summary().exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    }

    @Test
    void shouldStopReadingAtTheFirstFailedDelivery() throws IOException {
        producer.failures.put("c2", new TimeoutException("Expiring 1 record(s) after 120000 ms"));

        sendAll(deposit("c1", "1.00"), deposit("c2", "2.00"), deposit("c3", "3.00"));

        assertThat(producer.sentCommandIds()).containsExactly("c1");
        assertThat(lines.failed()).isTrue();
        assertThat(lines.summary())
                .isEqualTo(new CommandLinesProducer.Summary(
                        1, 0, "line 2 could not be sent: Expiring 1 record(s) after 120000 ms", 1));
        assertThat(lines.summary().exitCode()).isEqualTo(ExitCodes.KAFKA_FAILURE);
        assertThat(producer.flushes)
                .as("no flush after a failure: the command closes the producer at once")
                .isZero();
    }

    @Test
    void shouldStopReadingWhenACommandCannotBeSerialized() throws IOException {
        producer.sendException = new SerializationException("Cannot serialize: registry unreachable");

        sendAll(deposit("c1", "1.00"), deposit("c2", "2.00"));

        assertThat(producer.history()).isEmpty();
        assertThat(lines.summary())
                .isEqualTo(new CommandLinesProducer.Summary(
                        0, 0, "line 1 could not be sent: Cannot serialize: registry unreachable", 0));
    }

    @Test
    void shouldKeyAnExecutionReportByItsAccountAndStampItWithItsTransactTime() throws IOException {
        CommandLinesProducer reports = new CommandLinesProducer(
                producer,
                "alluse.market-executions",
                CommandLinesProducer.LineFormat.executionReports(Clock.fixed(NOW, ZoneOffset.UTC)),
                ONE_HOUR_AHEAD,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintWriter(errors, true));

        reports.sendAll(new ByteArrayInputStream(
                ("{\"executionId\":\"x-1\",\"orderId\":\"o-1\",\"accountId\":\"P1:GEN\",\"kind\":\"PREMIUM\","
                                + "\"amount\":\"1.50\",\"transactTimeMs\":" + NOW.toEpochMilli() + "}\n"
                                + "{\"executionId\":\"x-2\"}")
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("alluse.market-executions");
            assertThat(record.key()).isEqualTo("P1:GEN");
            assertThat(record.timestamp()).isEqualTo(NOW.toEpochMilli());
            assertThat(((com.alluse.streams.avro.ExecutionReport) record.value()).getAmountCents())
                    .isEqualTo(150L);
        });
        assertThat(errors.toString()).startsWith("line 2: missing \"orderId\"");
    }

    @Test
    void shouldSendSnapshotsKeyedByAccountAndStampedWithTheirAsOfTime() throws IOException {
        StringWriter snapshotErrors = new StringWriter();
        ScriptedProducer snapshotProducer = new ScriptedProducer();
        CommandLinesProducer snapshots = new CommandLinesProducer(
                snapshotProducer,
                "alluse.broker-snapshots",
                CommandLinesProducer.LineFormat.brokerSnapshots(),
                ONE_HOUR_AHEAD,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintWriter(snapshotErrors, true));

        snapshots.sendAll(new ByteArrayInputStream(("{\"snapshotId\":\"s1\",\"accountId\":\"P1:GEN\",\"cash\":\"1.00\","
                        + "\"positionsValue\":\"2.00\",\"asOf\":\"2026-11-24T02:00:00Z\"}\n"
                        + "{\"snapshotId\":\"s2\",\"accountId\":\"P1:GEN\"}\n")
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(snapshotProducer.history()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("P1:GEN");
            assertThat(record.timestamp())
                    .isEqualTo(Instant.parse("2026-11-24T02:00:00Z").toEpochMilli());
            assertThat(((com.alluse.streams.avro.BrokerSnapshot) record.value()).getPositionsValueCents())
                    .isEqualTo(200);
        });
        assertThat(snapshotErrors.toString()).startsWith("line 2: missing \"asOf\"");
    }
}
