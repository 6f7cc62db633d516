package com.alluse.streams.processors;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.OpenPortfolio;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.CommandRules;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.ProcessorFixture.Forwarded;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarSweepTest {
    private static final CalendarRules CALENDAR_RULES = new CalendarRules(RulesConfig.DEFAULTS);
    private static final String WEEK_1 = "WEEK_CLOSE/2026-W01";

    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private CommandProcessor commands;

    @BeforeEach
    void start() {
        fixture = new ProcessorFixture(stateDir);
        commands = new CommandProcessor(
                new CommandRules(RulesConfig.DEFAULTS),
                CALENDAR_RULES,
                fixture.deserializer(),
                ProcessorFixture.RETENTION.toMillis());
        commands.init(fixture.context);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Slices bounded by their size only (no time budget), so what a slice closes does not depend on speed. */
    private CalendarProcessor calendar(int slicePortfolios) {
        return calendar(slicePortfolios, Long.MAX_VALUE);
    }

    private CalendarProcessor calendar(int slicePortfolios, long sliceBudgetNanos) {
        CalendarProcessor calendar = new CalendarProcessor(
                PeriodClose.weekOf(CALENDAR_RULES),
                fixture.deserializer(),
                ProcessorFixture.RETENTION.toMillis(),
                slicePortfolios,
                sliceBudgetNanos);
        calendar.init(fixture.context);
        return calendar;
    }

    private Forwarded send(String portfolioId, String commandId, Object payload) {
        AccountCommand command = fixture.command(commandId, portfolioId, payload);
        Forwarded out = fixture.send(commands, command);
        assertThat(out.result().getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        return out;
    }

    private void open(String... portfolioIds) {
        for (String portfolioId : portfolioIds) {
            send(
                    portfolioId,
                    "open-" + portfolioId,
                    OpenPortfolio.newBuilder().setCapitalCents(25_000_000L).build());
        }
    }

    private Forwarded close(CalendarProcessor calendar, String periodId) {
        CalendarEvent event = fixture.calendarEvent(CalendarKind.WEEK_CLOSE, periodId);
        return fixture.process(calendar, fixture.calendarRecord(event));
    }

    /** Runs the latest scheduled punctuator once: the next slice. */
    private Forwarded nextSlice() {
        List<CapturedPunctuator> punctuators = fixture.context.scheduledPunctuators();
        fixture.context.resetForwards();
        punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(fixture.nowMs());
        Forwarded forwarded = new Forwarded(fixture.context.forwarded());
        fixture.context.resetForwards();
        return forwarded;
    }

    /** Portfolios whose Gen-Acc the given calendar event touched last. */
    private Set<String> closedBy(String eventId) {
        Set<String> closed = new TreeSet<>();
        ProcessorFixture.contents(fixture.accounts).forEach((accountId, state) -> {
            if (accountId.endsWith(":GEN") && state.getLastCommandId().equals(eventId)) {
                closed.add(state.getPortfolioId());
            }
        });
        return closed;
    }

    private static Set<String> portfoliosIn(Forwarded forwarded) {
        Set<String> portfolios = new TreeSet<>();
        forwarded
                .values(SinkNames.ACCOUNT_STATE, AccountState.class)
                .forEach(state -> portfolios.add(state.getPortfolioId()));
        return portfolios;
    }

    @Test
    void shouldCloseOneSliceWhenTheEventArrivesAndTheRestInLaterSlices() {
        open("P1", "P2", "P3", "P4", "P5");
        CalendarProcessor calendar = calendar(2);

        assertThat(portfoliosIn(close(calendar, "2026-W01"))).containsExactly("P1", "P2");
        assertThat(portfoliosIn(nextSlice())).containsExactly("P3", "P4");
        assertThat(fixture.calendarPending.get("close")).isNotNull();
        assertThat(portfoliosIn(nextSlice())).containsExactly("P5");

        assertThat(fixture.calendarPending.get("close")).isNull();
        assertThat(nextSlice().sinks()).isEmpty();
        assertThat(closedBy(WEEK_1)).containsExactly("P1", "P2", "P3", "P4", "P5");
    }

    @Test
    void shouldStopASliceWhenItsTimeBudgetIsSpentAfterAtLeastOnePortfolio() {
        open("P1", "P2", "P3");
        CalendarProcessor calendar = calendar(200, 0);

        assertThat(portfoliosIn(close(calendar, "2026-W01"))).containsExactly("P1");
        assertThat(portfoliosIn(nextSlice())).containsExactly("P2");
        assertThat(portfoliosIn(nextSlice())).containsExactly("P3");
        assertThat(fixture.calendarPending.get("close")).isNull();
    }

    @Test
    void shouldCloseAPortfolioAheadOfTheSweepBeforeItsNextCommandAndNotAgain() {
        open("P1", "P2", "P3");
        CalendarProcessor calendar = calendar(1);
        close(calendar, "2026-W01");

        Forwarded deposit = send("P3", "dep-1", new Deposit("P3:GEN", 100_00L));

        List<AccountState> p3Gen = deposit.values(SinkNames.ACCOUNT_STATE, AccountState.class).stream()
                .filter(state -> state.getAccountId().equals("P3:GEN"))
                .toList();
        assertThat(p3Gen)
                .extracting(AccountState::getLastCommandId)
                .as("the close first, then the deposit")
                .containsExactly(WEEK_1, "dep-1");
        assertThat(portfoliosIn(nextSlice())).containsExactly("P2");
        assertThat(portfoliosIn(nextSlice())).as("P3 was closed already").isEmpty();
        assertThat(fixture.calendarPending.get("close")).isNull();
        assertThat(fixture.accounts.get("P3:GEN").getLastCommandId()).isEqualTo("dep-1");
    }

    @Test
    void shouldDecodeTheCloseInProgressOnceForAllTheCommandsItSettles() {
        open("P1", "P2", "P3", "P4");
        close(calendar(1), "2026-W01");
        AtomicInteger calendarDecodes = new AtomicInteger();
        Deserializer<SpecificRecord> counting = (topic, bytes) -> {
            if (topic.equals(ProcessorFixture.CALENDAR_TOPIC)) {
                calendarDecodes.incrementAndGet();
            }
            return fixture.deserializer().deserialize(topic, bytes);
        };
        CommandProcessor countingCommands = new CommandProcessor(
                new CommandRules(RulesConfig.DEFAULTS),
                CALENDAR_RULES,
                counting,
                ProcessorFixture.RETENTION.toMillis());
        countingCommands.init(fixture.context);

        for (String portfolioId : List.of("P2", "P3", "P4")) {
            Forwarded deposit = fixture.send(
                    countingCommands,
                    fixture.command("dep-" + portfolioId, portfolioId, new Deposit(portfolioId + ":GEN", 100L)));

            assertThat(deposit.values(SinkNames.ACCOUNT_STATE, AccountState.class).stream()
                            .filter(state -> state.getAccountId().equals(portfolioId + ":GEN")))
                    .extracting(AccountState::getLastCommandId)
                    .as("the close first, then the deposit")
                    .containsExactly(WEEK_1, "dep-" + portfolioId);
        }
        assertThat(calendarDecodes).as("decodes of the pending close's event").hasValue(1);
    }

    @Test
    void shouldNotCloseAPortfolioOpenedAfterTheEvent() {
        open("P1", "P2");
        CalendarProcessor calendar = calendar(1);
        close(calendar, "2026-W01");

        open("P9");
        nextSlice();
        nextSlice();

        assertThat(fixture.calendarPending.get("close")).isNull();
        assertThat(closedBy(WEEK_1)).containsExactly("P1", "P2");
        assertThat(fixture.accounts.get("P9:GEN").getLastCommandId()).isEqualTo("open-P9");
    }

    @Test
    void shouldFinishTheCloseInProgressBeforeStartingTheNextEvent() {
        open("P1", "P2", "P3");
        CalendarProcessor calendar = calendar(1);
        close(calendar, "2026-W01");

        close(calendar, "2026-W02");

        assertThat(closedBy("WEEK_CLOSE/2026-W02")).containsExactly("P1");
        assertThat(closedBy(WEEK_1)).containsExactly("P2", "P3");
        assertThat(fixture.accounts.get("P1:GEN").getWeekStartBalanceCents())
                .isEqualTo(fixture.accounts.get("P2:GEN").getWeekStartBalanceCents());
    }

    @Test
    void shouldResumeFromWhereTheSweepStoppedAfterARestart() {
        open("P1", "P2", "P3");
        close(calendar(1), "2026-W01");

        CalendarProcessor restarted = calendar(1);
        assertThat(portfoliosIn(nextSlice())).containsExactly("P2");
        assertThat(portfoliosIn(nextSlice())).containsExactly("P3");

        assertThat(restarted).isNotNull();
        assertThat(closedBy(WEEK_1)).containsExactly("P1", "P2", "P3");
        assertThat(fixture.calendarPending.get("close")).isNull();
    }
}
