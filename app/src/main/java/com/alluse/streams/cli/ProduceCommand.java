package com.alluse.streams.cli;

import com.alluse.streams.client.Clients;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Reads JSON lines and produces one AccountCommand per valid line to the commands topic, or with
 * {@code --execution-reports} one ExecutionReport per line to the market-executions topic.
 */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Produce commands to the commands topic, one JSON object per line, from --file or standard input.",
            "Each valid line becomes one Avro AccountCommand keyed by its portfolioId (idempotent producer, acks=all), "
                    + "with its event time as the record timestamp. An invalid line is not sent: it is reported on "
                    + "standard error as `line N: <reason>` and the rest goes on. Blank lines are ignored. "
                    + "The pipeline answers every command sent with one result: see `alluse consume results`."
        },
        footer = {
            "%nLine format (docs/cli.md has every detail), e.g.:",
            "  {\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"OPEN_PORTFOLIO\",",
            "   \"capital\":\"250000.00\",\"template\":\"MODERATE\",\"ownerId\":\"o1\",",
            "   \"forkThreshold\":\"50000.00\",\"mergeThreshold\":\"500000.00\",",
            "   \"eventTime\":\"2026-11-24T10:00:00Z\"}",
            "  {\"commandId\":\"c2\",\"portfolioId\":\"P1\",\"type\":\"DEPOSIT\",",
            "   \"accountId\":\"P1:GEN\",\"amount\":\"1000.00\"}",
            "Every line has commandId, portfolioId, type and optionally eventTime; then:",
            "  OPEN_PORTFOLIO    capital; optional template, ownerId, forkThreshold,",
            "                    mergeThreshold",
            "  DEPOSIT           accountId, amount",
            "  WITHDRAWAL        accountId, amount",
            "  TRADE_PREMIUM     accountId, amount; optional executionId, symbol",
            "  TRADE_LOSS        accountId, amount; optional lossKind (TRADE or",
            "                    ASSIGNMENT), executionId, symbol",
            "  COMMISSION        accountId, amount; optional executionId",
            "  CASH_BUFFER_ADJUSTMENT  accountId, bufferBps (integer basis points)",
            "  SUSPEND, CLOSE    accountId; optional reason",
            "  ACTIVATE          accountId",
            "Money is a decimal string with at most 2 fraction digits (\"1234.56\"),",
            "never a JSON number, or integer cents under the name + Cents",
            "(\"amountCents\":123456). eventTime is an ISO-8601 instant, or eventTimeMs",
            "(epoch millis); default: now. Unknown fields are errors. Only what cannot",
            "be represented is rejected here; the pipeline rejects the rest with a",
            "result (an amount of 0 is sent, and answered REJECTED INVALID_AMOUNT).",
            "%nExit codes:",
            "  0  every line was sent",
            "  1  invalid lines were skipped; every valid line was sent",
            "  2  bad options or unreadable input",
            "  3  Kafka or the schema registry failed. Re-running the same input is",
            "     safe: a command id seen before is answered DUPLICATE, no second effect.",
            "%nWith --execution-reports each line is an ExecutionReport (README,",
            "\"Market integration\"), keyed by its accountId, e.g.:",
            "  {\"executionId\":\"x-1\",\"orderId\":\"o-1\",\"accountId\":\"P1:GEN\",",
            "   \"kind\":\"PREMIUM\",\"amount\":\"150.00\",\"symbol\":\"SPY\",\"quantity\":1,",
            "   \"price\":\"1.50\",\"transactTime\":\"2026-11-24T15:30:00Z\"}",
            "  kind: PREMIUM, LOSS, ASSIGNMENT_LOSS or COMMISSION; symbol, quantity and",
            "  price are optional; transactTime (or transactTimeMs) defaults to now.",
            "  Each is booked as command exec:<executionId>: see `alluse consume results`.",
            "%nWith --broker-snapshots each line is a BrokerSnapshot keyed by accountId:",
            "  {\"snapshotId\":\"s1\",\"accountId\":\"P1:GEN\",\"cash\":\"60000.00\",",
            "   \"positionsValue\":\"40000.00\",\"asOf\":\"2026-11-27T21:00:00Z\"}",
            "  cash and positionsValue as money above, asOf (or asOfMs) required, source",
            "  optional. Each is answered on alluse.reconciliation: see",
            "  `alluse consume reconciliation`; a snapshot id seen before is answered once."
        })
final class ProduceCommand implements Callable<Integer> {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--file", paramLabel = "FILE", description = "JSON lines to produce (default: standard input).")
    Path file;

    @Option(
            names = "--execution-reports",
            description = "The lines are execution reports for the market-executions topic, not commands.")
    boolean executionReports;

    @Option(
            names = "--broker-snapshots",
            description = "The lines are broker snapshots for the broker-snapshots topic, not commands.")
    boolean brokerSnapshots;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (executionReports && brokerSnapshots) {
            err.println("error: give --execution-reports or --broker-snapshots, not both");
            return ExitCodes.USAGE;
        }
        String topicName = executionReports
                ? connection.topics().marketExecutions()
                : brokerSnapshots
                        ? connection.topics().brokerSnapshots()
                        : connection.topics().commands();
        return ExitCodes.run(err, "producing to " + topicName, () -> {
            try (InputStream in = file == null ? null : Files.newInputStream(file)) {
                TopicPreflight.TopicFacts target = TopicPreflight.describe(connection.kafka(), topicName);
                return produce(in != null ? in : System.in, target, err);
            } catch (IOException e) {
                err.println("error: cannot read " + (file != null ? file : "standard input") + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        });
    }

    private int produce(InputStream in, TopicPreflight.TopicFacts topic, PrintWriter err) {
        KafkaProducer<String, SpecificRecord> producer = Clients.producer(connection.kafka(), connection.serdeConfig());
        Clock clock = Clock.systemUTC();
        CommandLinesProducer.LineFormat format = executionReports
                ? CommandLinesProducer.LineFormat.executionReports(clock)
                : brokerSnapshots
                        ? CommandLinesProducer.LineFormat.brokerSnapshots()
                        : CommandLinesProducer.LineFormat.commands(clock);
        CommandLinesProducer lines =
                new CommandLinesProducer(producer, topic.topic(), format, topic.timestamps(), clock, err);
        IOException readFailure = null;
        try {
            lines.sendAll(in);
        } catch (IOException e) {
            readFailure = e; // what was sent before still counts: report it first
        } finally {
            // After a failure, drop what is still buffered at once rather than wait for it to time out.
            producer.close(lines.failed() ? Duration.ZERO : CLOSE_TIMEOUT);
        }
        CommandLinesProducer.Summary summary = lines.summary();
        spec.commandLine()
                .getOut()
                .println("produced " + summary.produced()
                        + (executionReports ? " execution reports" : brokerSnapshots ? " snapshots" : " commands")
                        + ", skipped " + summary.skipped() + " invalid lines");
        if (summary.failure() != null) {
            err.println(
                    "error: " + summary.failure() + "; " + summary.unconfirmed()
                            + " commands sent were not confirmed and may or may"
                            + " not have been written: re-run the same input (a command id seen before is answered DUPLICATE, with no second effect)");
        }
        if (readFailure != null) {
            err.println("error: reading " + (file != null ? file : "standard input") + " failed: "
                    + readFailure.getMessage());
            return ExitCodes.USAGE;
        }
        return summary.exitCode();
    }
}
