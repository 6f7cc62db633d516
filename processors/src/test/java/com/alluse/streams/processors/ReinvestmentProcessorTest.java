package com.alluse.streams.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.OpenPortfolio;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.ReinvestmentAllocated;
import com.alluse.streams.avro.ReinvestmentDeferred;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.ProcessorFixture.Forwarded;
import com.alluse.streams.processors.ProcessorFixture.StoreSnapshot;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReinvestmentProcessorTest {
    private static final CalendarRules RULES = new CalendarRules(RulesConfig.DEFAULTS);

    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private CommandProcessor commands;
    private CalendarProcessor calendar;
    private ReinvestmentProcessor reinvestment;

    @BeforeEach
    void start() {
        fixture = new ProcessorFixture(stateDir);
        commands = fixture.commandProcessor();
        calendar = fixture.calendarProcessor(PeriodClose.weekOf(RULES), CalendarSweep.DEFAULT_SLICE_PORTFOLIOS);
        reinvestment = new ReinvestmentProcessor(RULES, fixture.deserializer(), ProcessorFixture.RETENTION.toMillis());
        reinvestment.init(fixture.context);
        command(
                "P1",
                "open",
                OpenPortfolio.newBuilder().setCapitalCents(25_000_000L).build());
        command(
                "P2",
                "open",
                OpenPortfolio.newBuilder().setCapitalCents(25_000_000L).build());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void command(String portfolioId, String commandId, Object payload) {
        AccountCommand command = fixture.command(commandId, portfolioId, payload);
        assertThat(fixture.send(commands, command).result().getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
    }

    private void premium(String accountId, long amountCents) {
        command(
                accountId.substring(0, accountId.indexOf(':')),
                "prem-" + accountId,
                TradePremium.newBuilder()
                        .setAccountId(accountId)
                        .setAmountCents(amountCents)
                        .build());
    }

    /** A quarter close as the calendar processor starts it, with what it hands this processor run through it. */
    private Forwarded closeQuarter(ReinvestmentProcessor processor) {
        Forwarded calendarStep = fixture.process(
                calendar, fixture.calendarRecord(fixture.calendarEvent(CalendarKind.QUARTER_CLOSE, "2026-Q1")));
        return fixture.handOver(calendarStep, ReinvestmentProcessor.NAME, processor);
    }

    @Test
    void shouldAllocateAQuarterlyReinvestmentAsALedgerEntryOfZero() {
        premium("P1:REV", 1_000_000L);

        Forwarded out = closeQuarter(reinvestment);

        LedgerEntry entry = out.values(SinkNames.LEDGER, LedgerEntry.class).stream()
                .filter(e -> e.getAccountId().equals("P1:REV"))
                .findFirst()
                .orElseThrow();
        assertThat(entry.getEntryType()).isEqualTo(LedgerEntryType.REINVESTMENT);
        assertThat(entry.getAmountCents()).isZero();
        assertThat(entry.getReinvestment().getContractsCents()).isEqualTo(750_000L);
        assertThat(entry.getReinvestment().getLeapsCents()).isEqualTo(250_000L);
        assertThat(fixture.ledger.get(StoreNames.ledgerKey("P1:REV", 3))).isEqualTo(entry);
        assertThat(fixture.accounts.get("P1:REV").getBalanceCents()).isEqualTo(8_500_000L);
        assertThat(out.values(SinkNames.PORTFOLIO_EVENTS, PortfolioEvent.class))
                .anyMatch(event -> event.getPayload() instanceof ReinvestmentAllocated allocated
                        && allocated.getAccountId().equals("P1:REV"));
    }

    @Test
    void shouldDeferEarningsBelowTheMinimumAndWriteNoLedgerEntryForThem() {
        premium("P2:COM", 500_000L);

        Forwarded out = closeQuarter(reinvestment);

        assertThat(out.values(SinkNames.LEDGER, LedgerEntry.class))
                .noneMatch(e -> e.getAccountId().equals("P2:COM"));
        assertThat(out.values(SinkNames.PORTFOLIO_EVENTS, PortfolioEvent.class))
                .anyMatch(event -> event.getPayload() instanceof ReinvestmentDeferred deferred
                        && deferred.getAccountId().equals("P2:COM"));
    }

    @Test
    void shouldDeadLetterAPortfolioWhoseQuarterCloseFailsWriteNothingForItAndStillCloseTheOthers() {
        premium("P1:REV", 1_000_000L);
        premium("P2:REV", 1_000_000L);
        ReinvestmentProcessor broken = new ReinvestmentProcessor(
                (event, cause, portfolio, accounts) -> {
                    if (portfolio.portfolioId().equals("P1")) {
                        throw new ArithmeticException("long overflow");
                    }
                    return RULES.quarterClose(cause, event.getPeriodId(), portfolio, accounts);
                },
                fixture.deserializer(),
                ProcessorFixture.RETENTION.toMillis());
        broken.init(fixture.context);
        LedgerEntry p1Before = fixture.ledger.get(StoreNames.ledgerKey("P1:REV", 2));

        Forwarded out = closeQuarter(broken);

        assertThat(out.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
            assertThat(letter.getErrorMessage()).contains("portfolio P1 could not close QUARTER_CLOSE/2026-Q1");
            assertThat(letter.getSourceTopic()).isEqualTo(ProcessorFixture.CALENDAR_TOPIC);
        });
        assertThat(fixture.ledger.get(StoreNames.ledgerKey("P1:REV", 2))).isEqualTo(p1Before);
        assertThat(fixture.ledger.get(StoreNames.ledgerKey("P1:REV", 3))).isNull();
        assertThat(out.values(SinkNames.LEDGER, LedgerEntry.class))
                .anyMatch(e -> e.getAccountId().equals("P2:REV"));
    }

    @Test
    void shouldBeHandedAPortfolioTheSweepHasNotReachedBeforeACommandOnItIsDecided() {
        CalendarProcessor onePortfolioASlice = fixture.calendarProcessor(PeriodClose.weekOf(RULES), 1);
        Forwarded firstSlice = fixture.process(
                onePortfolioASlice,
                fixture.calendarRecord(fixture.calendarEvent(CalendarKind.QUARTER_CLOSE, "2026-Q1")));
        assertThat(firstSlice.keys(ReinvestmentProcessor.NAME)).containsExactly("P1");

        Forwarded commandStep = fixture.send(
                commands,
                fixture.command(
                        "prem-late",
                        "P2",
                        TradePremium.newBuilder()
                                .setAccountId("P2:REV")
                                .setAmountCents(100L)
                                .build()));

        assertThat(commandStep.keys(ReinvestmentProcessor.NAME)).containsExactly("P2");
        assertThat(commandStep.sinks().indexOf(ReinvestmentProcessor.NAME))
                .as("the quarter close of P2 is handed over before the command's result")
                .isLessThan(commandStep.sinks().indexOf(SinkNames.RESULTS));
    }

    @Test
    void shouldWriteNothingForAPortfolioNoLongerStored() {
        premium("P1:REV", 1_000_000L);
        Forwarded calendarStep = fixture.process(
                calendar, fixture.calendarRecord(fixture.calendarEvent(CalendarKind.QUARTER_CLOSE, "2026-Q1")));
        fixture.portfolios.delete("P1");
        StoreSnapshot before = fixture.snapshot();

        Forwarded out = fixture.handOver(calendarStep, ReinvestmentProcessor.NAME, reinvestment);

        assertThat(out.all()).noneMatch(forward -> forward.record().key().startsWith("P1"));
        assertThat(fixture.snapshot().accounts()).isEqualTo(before.accounts());
    }

    @Test
    void shouldRefuseAnythingButAQuarterClose() {
        Forwarded weekStep = fixture.process(
                calendar, fixture.calendarRecord(fixture.calendarEvent(CalendarKind.WEEK_CLOSE, "2026-W01")));
        assertThat(weekStep.sinks()).doesNotContain(ReinvestmentProcessor.NAME);

        assertThatThrownBy(() -> reinvestment.process(new Record<String, SpecificRecord>(
                        "P1", fixture.calendarEvent(CalendarKind.QUARTER_CLOSE, "x"), 0L)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("takes pending calendar closes");
    }
}
