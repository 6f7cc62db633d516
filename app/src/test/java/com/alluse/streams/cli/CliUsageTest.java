package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the data commands and `simulate` answer before they reach Kafka: help, and usage errors with exit code 2. */
class CliUsageTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AllUseCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldListTheDataCommandsInTheTopLevelHelp() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString()).contains("run", "produce", "consume", "calendar", "schemas", "simulate");
    }

    @Test
    void shouldDocumentTheSimulatorsOptionsAndDefaults() {
        assertThat(run("simulate", "--help")).isZero();

        assertThat(out.toString())
                .contains("--weeks", "default: 26", "--portfolios", "default: 100", "--redelivery-percent", "--seed");
    }

    @Test
    void shouldRejectZeroSimulatedWeeksBeforeStartingAnything() {
        assertThat(run("simulate", "--weeks", "0")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("weeks must be within 1..103, got 0");
    }

    @Test
    void shouldRejectNegativeThreadReplacementsBeforeStartingAnything() {
        assertThat(run("run", "--max-thread-replacements", "-1")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("--max-thread-replacements must not be negative, got -1");
    }

    @Test
    void shouldDocumentTheThreadReplacementLimitAndItsDefault() {
        assertThat(run("run", "--help")).isZero();

        assertThat(out.toString()).contains("--max-thread-replacements", "default: 10");
    }

    @Test
    void shouldRejectMoreDiscrepanciesThanTheSimulationHasSnapshotsFor() {
        assertThat(run("simulate", "--weeks", "2", "--portfolios", "1", "--discrepancies", "4"))
                .isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("discrepancies must be within 0..3, got 4");
    }

    @Test
    void shouldDocumentTheLineFormatAndExitCodesInProduceHelp() {
        assertThat(run("produce", "--help")).isZero();

        assertThat(out.toString())
                .contains(
                        "\"type\":\"OPEN_PORTFOLIO\"",
                        "CASH_BUFFER_ADJUSTMENT",
                        "amountCents",
                        "eventTimeMs",
                        "Exit codes:",
                        "bad options or unreadable input");
    }

    @Test
    void shouldRejectAnUnknownTopicNamingTheKnownOnes() {
        assertThat(run("consume", "balances")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString())
                .contains("unknown topic 'balances' (expected one of results, ledger, account-state, "
                        + "portfolio-events, dlq, strategy-events, reconciliation, market-instructions, broker-snapshots, "
                        + "market-executions, commands, calendar)");
    }

    @Test
    void shouldRejectMaxRecordsBelowOne() {
        assertThat(run("consume", "results", "--max-records", "0")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("--max-records must be at least 1, got 0");
    }

    @Test
    void shouldRejectAnIdleTimeoutThatIsNotADuration() {
        assertThat(run("consume", "results", "--idle-timeout", "soon")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("'soon' is not a duration such as 500ms, 5s, 2m, 1h or PT5S");
    }

    @Test
    void shouldRejectAZeroIdleTimeout() {
        assertThat(run("consume", "results", "--idle-timeout", "0s")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("--idle-timeout must be positive");
    }

    @Test
    void shouldRejectAWeekClosePeriodThatIsNotAnIsoWeek() {
        assertThat(run("calendar", "WEEK_CLOSE", "--period", "2026-48")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("a WEEK_CLOSE period is an ISO week such as 2026-W48, got '2026-48'");
    }

    @Test
    void shouldRejectAQuarterClosePeriodThatIsNotAQuarter() {
        assertThat(run("calendar", "quarter_close", "--period", "2026-Q5")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("a QUARTER_CLOSE period is a quarter such as 2026-Q4, got '2026-Q5'");
    }

    @Test
    void shouldRequireAPeriodForACalendarEvent() {
        assertThat(run("calendar", "WEEK_CLOSE")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("Missing required option: '--period=PERIOD'");
    }

    @Test
    void shouldReportAnInputFileThatCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("missing.jsonl");

        assertThat(run("produce", "--file", missing.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).startsWith("error: cannot read " + missing);
    }
}
