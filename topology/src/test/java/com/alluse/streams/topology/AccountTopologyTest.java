package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static com.alluse.streams.client.AccountCommands.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.PortfolioOpened;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.processors.StoreNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(stateDir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void shouldKeepThePendingCalendarCloseInMemoryAndTheLedgerStoresInRocksDb() {
        assertThat(harness.persistent(StoreNames.CALENDAR_PENDING)).isFalse();
        assertThat(List.of(StoreNames.PORTFOLIOS, StoreNames.ACCOUNTS, StoreNames.LEDGER, StoreNames.RECEIPTS))
                .allSatisfy(
                        store -> assertThat(harness.persistent(store)).as(store).isTrue());
    }

    @Test
    void shouldOpenAPortfolioWithOneResultThreeOpeningEntriesAndStates() {
        CommandResult result = harness.send("open-1", "P1", openPortfolio(25_000_000L, null));

        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(result.getAccountIds()).containsExactly("P1:GEN", "P1:REV", "P1:COM");
        assertThat(result.getLedgerEntryIds()).containsExactly("P1:GEN#1", "P1:REV#1", "P1:COM#1");
        assertThat(harness.ledger)
                .allSatisfy(entry -> assertThat(entry.getEntryType()).isEqualTo(LedgerEntryType.OPENING));
        assertThat(harness.state("P1:GEN").getBalanceCents()).isEqualTo(10_000_000L);
        assertThat(harness.state("P1:GEN").getAvailableCents()).isEqualTo(9_500_000L);
        assertThat(harness.events)
                .singleElement()
                .satisfies(event -> assertThat(event.getPayload()).isInstanceOf(PortfolioOpened.class));
    }

    @Test
    void shouldAnswerDuplicateWithoutASecondEffectForTheSameCommandAgain() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        CommandResult first = harness.send("dep-1", "P1", deposit("P1:GEN", 100_00));
        int ledgerSize = harness.ledger.size();

        CommandResult again = harness.send("dep-1", "P1", deposit("P1:GEN", 100_00));

        assertThat(again.getOutcome()).isEqualTo(CommandOutcome.DUPLICATE);
        assertThat(again.getDuplicateOf().getCommandOffset()).isEqualTo(first.getCommandOffset());
        assertThat(again.getDuplicateOf().getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(harness.ledger).hasSize(ledgerSize);
        assertThat(harness.state("P1:GEN").getBalanceCents()).isEqualTo(10_010_000L);
    }

    @Test
    void shouldRejectAnIdempotencyConflictWithoutEffect() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        harness.send("dep-1", "P1", deposit("P1:GEN", 100_00));

        CommandResult conflict = harness.send("dep-1", "P1", deposit("P1:GEN", 999_00));

        assertThat(conflict.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(conflict.getReasonCode()).isEqualTo(ReasonCode.IDEMPOTENCY_CONFLICT);
        assertThat(harness.state("P1:GEN").getBalanceCents()).isEqualTo(10_010_000L);
    }

    @Test
    void shouldRememberRejectionsAsTheFirstResult() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        harness.send("w-1", "P1", withdrawal("P1:COM", 100_00));

        CommandResult again = harness.send("w-1", "P1", withdrawal("P1:COM", 100_00));

        assertThat(again.getOutcome()).isEqualTo(CommandOutcome.DUPLICATE);
        assertThat(again.getDuplicateOf().getReasonCode()).isEqualTo(ReasonCode.WITHDRAWAL_FORBIDDEN);
    }

    @Test
    void shouldDeadLetterGarbageBytesAndKeepProcessing() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        harness.sendRaw("P1".getBytes(StandardCharsets.UTF_8), garbage);

        assertThat(harness.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.DESERIALIZATION_FAILED);
            assertThat(letter.getValue().array()).isEqualTo(garbage);
            assertThat(letter.getSourceTopic()).isEqualTo("alluse.commands");
            assertThat(letter.getSourceOffset()).isZero();
            assertThat(letter.getErrorMessage()).isNotBlank();
        });
        assertThat(harness.results).isEmpty();
        assertThat(harness.send("open-1", "P1", openPortfolio(100_00, null)).getOutcome())
                .isEqualTo(CommandOutcome.ACCEPTED);
    }

    @Test
    void shouldDeadLetterARecordOfAnotherSchema() {
        byte[] calendarEvent = harness.valueSerializer()
                .serialize(
                        "alluse.calendar",
                        com.alluse.streams.client.AccountCommands.calendar(CalendarKind.WEEK_CLOSE, "W1", 1));

        harness.sendRaw("P1".getBytes(StandardCharsets.UTF_8), calendarEvent);

        assertThat(harness.deadLetters)
                .singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).isEqualTo(DeadLetterReason.WRONG_SCHEMA));
    }

    @Test
    void shouldRejectACommandWhoseKeyIsNotItsPortfolio() {
        CommandResult result = harness.send("P2", command("open-1", "P1", 1, openPortfolio(100_00, null)));

        assertThat(result.getReasonCode()).isEqualTo(ReasonCode.INVALID_COMMAND);
        assertThat(harness.states).isEmpty();
    }

    @Test
    void shouldApplyACalendarEventOnceEvenWhenRepeated() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        harness.send("P1", premium("P1:GEN", 1_500_00));

        harness.calendar(CalendarKind.WEEK_CLOSE, "2026-W48");
        long indexAfterFirst = harness.state("P1:GEN").getPerformanceIndexNanos();
        harness.calendar(CalendarKind.WEEK_CLOSE, "2026-W48");

        assertThat(indexAfterFirst).isEqualTo(1_015_000_000L);
        assertThat(harness.state("P1:GEN").getPerformanceIndexNanos()).isEqualTo(indexAfterFirst);
        assertThat(harness.state("P1:GEN").getWeekStartBalanceCents()).isEqualTo(10_150_000L);
    }

    @Test
    void shouldNotLetACommandOfThePortfolioIdCalendarStandForACalendarEventOfTheSameId() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        harness.send("P1", premium("P1:GEN", 1_500_00));

        CommandResult impostor = harness.send("WEEK_CLOSE/2026-W48", "calendar", openPortfolio(100_00, null));
        harness.calendar(CalendarKind.WEEK_CLOSE, "2026-W48");

        assertThat(impostor.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(impostor.getReasonCode()).isEqualTo(ReasonCode.INVALID_COMMAND);
        assertThat(harness.state("P1:GEN").getPerformanceIndexNanos())
                .as("the week was closed")
                .isEqualTo(1_015_000_000L);
    }
}
