package com.alluse.streams.processors;

import static com.alluse.streams.processors.BrokenChanges.account;
import static com.alluse.streams.processors.BrokenChanges.replace;
import static com.alluse.streams.processors.BrokenChanges.withBalance;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.OpenPortfolio;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.avro.internal.PendingCalendarClose;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.ProcessorFixture.Forwarded;
import com.alluse.streams.processors.ProcessorFixture.StoreSnapshot;
import com.alluse.streams.processors.internals.InvariantViolationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarProcessorTest {
    private static final CalendarRules RULES = new CalendarRules(RulesConfig.DEFAULTS);

    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private CommandProcessor commands;
    private CalendarProcessor calendar;

    @BeforeEach
    void start() {
        fixture = new ProcessorFixture(stateDir);
        commands = fixture.commandProcessor();
        calendar = fixture.calendarProcessor(PeriodClose.weekOf(RULES), CalendarSweep.DEFAULT_SLICE_PORTFOLIOS);
        open("P1");
        open("P2");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void open(String portfolioId) {
        command(
                portfolioId,
                "open",
                OpenPortfolio.newBuilder().setCapitalCents(25_000_000L).build());
    }

    private void command(String portfolioId, String commandId, Object payload) {
        AccountCommand command = fixture.command(commandId, portfolioId, payload);
        assertThat(fixture.send(commands, command).result().getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
    }

    private Forwarded close(CalendarProcessor processor, CalendarEvent event) {
        return fixture.process(processor, fixture.calendarRecord(event));
    }

    private Map<String, AccountState> states(Forwarded forwarded) {
        Map<String, AccountState> states = new TreeMap<>();
        forwarded
                .values(SinkNames.ACCOUNT_STATE, AccountState.class)
                .forEach(state -> states.put(state.getAccountId(), state));
        return states;
    }

    @Test
    void shouldCloseTheWeekForEveryPortfolioOfTheTask() {
        command(
                "P1",
                "prem-1",
                TradePremium.newBuilder()
                        .setAccountId("P1:GEN")
                        .setAmountCents(150_000L)
                        .build());

        Forwarded out = close(calendar, fixture.calendarEvent(CalendarKind.WEEK_CLOSE, "2026-W01"));

        assertThat(states(out)).containsOnlyKeys("P1:GEN", "P1:REV", "P1:COM", "P2:GEN", "P2:REV", "P2:COM");
        AccountState gen = fixture.accounts.get("P1:GEN");
        assertThat(gen.getPerformanceIndexNanos()).as("1.5%% on 100,000.00").isEqualTo(1_015_000_000L);
        assertThat(gen.getWeekStartBalanceCents()).isEqualTo(10_150_000L);
        assertThat(gen.getWeekNetEarningsCents()).isZero();
        assertThat(fixture.snapshot().receipts()).anyMatch(key -> key.startsWith("calendar/WEEK_CLOSE/2026-W01@"));
        assertThat(out.sinks()).doesNotContain(SinkNames.RESULTS, SinkNames.DEAD_LETTERS);
    }

    @Test
    void shouldApplyACalendarEventOnlyOnce() {
        CalendarEvent event = fixture.calendarEvent(CalendarKind.WEEK_CLOSE, "2026-W01");
        close(calendar, event);
        StoreSnapshot before = fixture.snapshot();

        Forwarded repeat = close(calendar, event);

        assertThat(repeat.all()).isEmpty();
        assertThat(fixture.snapshot()).isEqualTo(before);
    }

    @Test
    void shouldHandEveryPortfolioOfAQuarterCloseToTheReinvestmentProcessorAndWriteNothingItself() {
        CalendarEvent quarter = fixture.calendarEvent(CalendarKind.QUARTER_CLOSE, "2026-Q1");
        StoreSnapshot before = fixture.snapshot();

        Forwarded out = close(calendar, quarter);

        assertThat(out.sinks()).containsOnly(ReinvestmentProcessor.NAME);
        assertThat(out.keys(ReinvestmentProcessor.NAME)).containsExactly("P1", "P2");
        assertThat(out.values(ReinvestmentProcessor.NAME, PendingCalendarClose.class))
                .allSatisfy(close -> assertThat(close.getSourceTopic()).isEqualTo(ProcessorFixture.CALENDAR_TOPIC));
        assertThat(fixture.snapshot().ledger()).isEqualTo(before.ledger());
        assertThat(fixture.snapshot().accounts()).isEqualTo(before.accounts());
    }

    @Test
    void shouldDeadLetterAPortfolioThatFailsToCloseAndStillCloseTheOthers() {
        PortfolioState corrupt = fixture.portfolios.get("P1");
        corrupt.setTemplate("NO-SUCH-TEMPLATE");
        fixture.portfolios.put("P1", corrupt);
        Map<String, AccountState> p1Before = p1Accounts();

        Forwarded out = close(calendar, fixture.calendarEvent(CalendarKind.WEEK_CLOSE, "2026-W01"));

        DeadLetter letter = out.deadLetters().get(0);
        assertThat(out.deadLetters()).hasSize(1);
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
        assertThat(letter.getErrorMessage()).contains("portfolio P1 could not close WEEK_CLOSE/2026-W01");
        assertThat(states(out)).containsOnlyKeys("P2:GEN", "P2:REV", "P2:COM");
        assertThat(p1Accounts()).isEqualTo(p1Before);
    }

    @Test
    void shouldDeadLetterABrokenCloseWriteNothingForThatPortfolioAndCloseTheOthers() {
        CalendarProcessor broken = fixture.calendarProcessor(
                (event, cause, portfolio, accounts) -> {
                    Changes changes = RULES.weekClose(cause, event.getPeriodId(), portfolio, accounts);
                    if (!portfolio.portfolioId().equals("P1")) {
                        return changes;
                    }
                    Account gen = account(changes, "P1:GEN");
                    return replace(changes, withBalance(gen, gen.balanceCents() + 1));
                },
                CalendarSweep.DEFAULT_SLICE_PORTFOLIOS);
        Map<String, AccountState> p1Before = p1Accounts();
        Map<String, LedgerEntry> ledgerBefore = ProcessorFixture.contents(fixture.ledger);

        Forwarded out = close(broken, fixture.calendarEvent(CalendarKind.WEEK_CLOSE, "2026-W01"));

        assertThat(out.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
            assertThat(letter.getErrorClass())
                    .as("counted by the monitoring")
                    .isEqualTo(InvariantViolationException.class.getName());
            assertThat(letter.getErrorMessage())
                    .contains(
                            "portfolio P1",
                            "WEEK_CLOSE/2026-W01",
                            "P1:GEN: balance 10000001 but the previous balance and entries give 10000000");
        });
        assertThat(states(out)).containsOnlyKeys("P2:GEN", "P2:REV", "P2:COM");
        assertThat(out.sinks()).doesNotContain(SinkNames.LEDGER);
        assertThat(p1Accounts()).isEqualTo(p1Before);
        assertThat(ProcessorFixture.contents(fixture.ledger)).isEqualTo(ledgerBefore);
    }

    @Test
    void shouldDeadLetterAnUndecodableCalendarRecordAndKeepProcessing() {
        byte[] garbage = "{not avro".getBytes(StandardCharsets.UTF_8);

        Forwarded out = fixture.process(calendar, fixture.arrive(ProcessorFixture.CALENDAR_TOPIC, null, garbage));

        assertThat(out.sinks()).containsExactly(SinkNames.DEAD_LETTERS);
        assertThat(out.deadLetters().get(0).getReason()).isEqualTo(DeadLetterReason.DESERIALIZATION_FAILED);
        assertThat(out.deadLetters().get(0).getSourceTopic()).isEqualTo(ProcessorFixture.CALENDAR_TOPIC);
        assertThat(states(close(calendar, fixture.calendarEvent(CalendarKind.WEEK_CLOSE, "2026-W01"))))
                .hasSize(6);
    }

    @Test
    void shouldDeadLetterACommandOnTheCalendarTopicAsWrongSchema() {
        AccountCommand command = fixture.command(
                "c", "P1", OpenPortfolio.newBuilder().setCapitalCents(1L).build());

        Forwarded out = fixture.process(
                calendar,
                fixture.arrive(
                        ProcessorFixture.CALENDAR_TOPIC,
                        null,
                        fixture.bytes(ProcessorFixture.CALENDAR_TOPIC, command)));

        assertThat(out.sinks()).containsExactly(SinkNames.DEAD_LETTERS);
        assertThat(out.deadLetters().get(0).getReason()).isEqualTo(DeadLetterReason.WRONG_SCHEMA);
    }

    private Map<String, AccountState> p1Accounts() {
        Map<String, AccountState> accounts = new TreeMap<>(ProcessorFixture.contents(fixture.accounts));
        accounts.keySet().removeIf(id -> !id.startsWith("P1:"));
        return accounts;
    }
}
