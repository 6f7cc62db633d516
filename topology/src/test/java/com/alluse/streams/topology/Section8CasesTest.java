package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.loss;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static com.alluse.streams.client.AccountCommands.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CloseReason;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DrawdownBreach;
import com.alluse.streams.avro.DrawdownCleared;
import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.MergeCompleted;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.ReinvestmentAllocated;
import com.alluse.streams.avro.ReinvestmentDeferred;
import com.alluse.streams.domain.Money;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/rules.md section 8, case by case, through the production topology. */
class Section8CasesTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void open() {
        harness = new TopologyHarness(stateDir);
        harness.send("open", "P1", openPortfolio(cents("250,000.00"), "MODERATE"));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private static long cents(String decimal) {
        return Money.parseDecimal(decimal.replace(",", ""));
    }

    private void assertBalances(String accountId, String balance, String buffer, String available) {
        AccountState state = harness.state(accountId);
        assertThat(state.getBalanceCents()).as("balance").isEqualTo(cents(balance));
        assertThat(state.getCashBufferCents()).as("buffer").isEqualTo(cents(buffer));
        assertThat(state.getAvailableCents()).as("available").isEqualTo(cents(available));
    }

    private static void assertRejected(CommandResult result, ReasonCode reason) {
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(result.getReasonCode()).isEqualTo(reason);
    }

    private <T> List<T> eventsOf(Class<T> type) {
        return harness.events.stream()
                .map(e -> e.getPayload())
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    @Test
    void case1OpeningSplitsFortyThirtyThirtyWithBuffers() {
        assertBalances("P1:GEN", "100,000.00", "5,000.00", "95,000.00");
        assertBalances("P1:REV", "75,000.00", "3,750.00", "71,250.00");
        assertBalances("P1:COM", "75,000.00", "3,750.00", "71,250.00");
    }

    @Test
    void case2PremiumRaisesBalanceAndAvailable() {
        harness.send("P1", premium("P1:GEN", cents("1,500.00")));
        assertBalances("P1:GEN", "101,500.00", "5,000.00", "96,500.00");
    }

    @Test
    void case3WithdrawalsForbiddenOnComAndCappedAtAvailable() {
        assertRejected(harness.send("P1", withdrawal("P1:COM", cents("1,000.00"))), ReasonCode.WITHDRAWAL_FORBIDDEN);
        assertRejected(harness.send("P1", withdrawal("P1:REV", cents("71,250.01"))), ReasonCode.INSUFFICIENT_AVAILABLE);
        assertThat(harness.send("P1", withdrawal("P1:REV", cents("71,250.00"))).getOutcome())
                .isEqualTo(CommandOutcome.ACCEPTED);
    }

    @Test
    void case4ForkAtExactlyFiftyThousandSurplus() {
        harness.send("P1", premium("P1:GEN", cents("49,999.99")));
        assertThat(eventsOf(ForkCompleted.class)).isEmpty();

        CommandResult result = harness.send("P1", premium("P1:GEN", cents("0.01")));

        assertThat(result.getAccountIds()).containsExactly("P1:GEN", "P1:F1:GEN", "P1:F1:COM");
        assertBalances("P1:GEN", "100,000.00", "5,000.00", "95,000.00");
        assertBalances("P1:F1:GEN", "25,000.00", "1,250.00", "23,750.00");
        assertThat(harness.state("P1:F1:COM").getBalanceCents()).isEqualTo(cents("25,000.00"));
        assertThat(totalBalance()).isEqualTo(cents("300,000.00"));
        assertThat(eventsOf(ForkCompleted.class))
                .singleElement()
                .satisfies(fork -> assertThat(fork.getSurplusCents()).isEqualTo(cents("50,000.00")));
    }

    @Test
    void case5OddSurplusGivesTheExtraCentToGen() {
        harness.send("P1", premium("P1:GEN", cents("50,000.01")));
        assertThat(harness.state("P1:F1:GEN").getBalanceCents()).isEqualTo(cents("25,000.01"));
        assertThat(harness.state("P1:F1:COM").getBalanceCents()).isEqualTo(cents("25,000.00"));
    }

    @Test
    void case6DepositDoesNotFork() {
        harness.send("P1", deposit("P1:GEN", cents("60,000.00")));
        assertThat(eventsOf(ForkCompleted.class)).isEmpty();
        assertThat(harness.state("P1:GEN").getPrincipalCents()).isEqualTo(cents("160,000.00"));
    }

    @Test
    void case7GroupMergesAtFiveHundredThousandIntoMainCom() {
        harness.send("P1", premium("P1:GEN", cents("50,000.00")));
        harness.send("P1", deposit("P1:F1:GEN", cents("275,000.00")));
        harness.send("P1", deposit("P1:F1:COM", cents("174,999.99")));
        assertThat(eventsOf(MergeCompleted.class)).isEmpty();

        harness.send("P1", premium("P1:F1:GEN", cents("0.01")));

        assertThat(eventsOf(MergeCompleted.class)).singleElement().satisfies(merge -> {
            assertThat(merge.getAmountCents()).isEqualTo(cents("500,000.00"));
            assertThat(merge.getTargetAccountId()).isEqualTo("P1:COM");
        });
        assertThat(harness.state("P1:COM").getBalanceCents()).isEqualTo(cents("575,000.00"));
        for (String id : List.of("P1:F1:GEN", "P1:F1:COM")) {
            assertThat(harness.state(id).getStatus()).isEqualTo(AccountStatus.CLOSED);
            assertThat(harness.state(id).getCloseReason()).isEqualTo(CloseReason.MERGED);
            assertRejected(harness.send("P1", premium(id, 1)), ReasonCode.ACCOUNT_CLOSED);
        }
    }

    @Test
    void case8QuarterlyReinvestmentSplitsAndDefers() {
        harness.send("P1", premium("P1:REV", cents("10,000.00")));
        harness.send("P1", premium("P1:COM", cents("9,999.99")));
        long revBalance = harness.state("P1:REV").getBalanceCents();

        harness.calendar(CalendarKind.QUARTER_CLOSE, "2026-Q3");

        assertThat(eventsOf(ReinvestmentAllocated.class)).singleElement().satisfies(r -> {
            assertThat(r.getAccountId()).isEqualTo("P1:REV");
            assertThat(r.getContractsCents()).isEqualTo(cents("7,500.00"));
            assertThat(r.getLeapsCents()).isEqualTo(cents("2,500.00"));
        });
        assertThat(harness.state("P1:REV").getBalanceCents()).isEqualTo(revBalance);
        assertThat(eventsOf(ReinvestmentDeferred.class))
                .singleElement()
                .satisfies(d -> assertThat(d.getAccountId()).isEqualTo("P1:COM"));

        harness.send("P1", premium("P1:COM", cents("0.02")));
        harness.calendar(CalendarKind.QUARTER_CLOSE, "2026-Q4");

        assertThat(eventsOf(ReinvestmentAllocated.class)).last().satisfies(r -> {
            assertThat(r.getAccountId()).isEqualTo("P1:COM");
            assertThat(r.getContractsCents()).isEqualTo(cents("7,500.01"));
            assertThat(r.getLeapsCents()).isEqualTo(cents("2,500.00"));
        });
    }

    @Test
    void case9ReplayingTheCommandLogRebuildsIdenticalState() {
        harness.send("P1", premium("P1:GEN", cents("60,000.00")));
        harness.send("P1", withdrawal("P1:REV", cents("1,000.00")));
        harness.send("P1", loss("P1:F1:GEN", cents("100.00")));
        harness.calendar(CalendarKind.WEEK_CLOSE, "W1");

        try (TopologyHarness replay = new TopologyHarness(stateDir.resolve("replay"))) {
            replay.send("open", "P1", openPortfolio(cents("250,000.00"), "MODERATE"));
            replay.send("P1", premium("P1:GEN", cents("60,000.00")));
            replay.send("P1", withdrawal("P1:REV", cents("1,000.00")));
            replay.send("P1", loss("P1:F1:GEN", cents("100.00")));
            replay.calendar(CalendarKind.WEEK_CLOSE, "W1");

            assertThat(replay.states).isEqualTo(harness.states);
            assertThat(replay.ledger).isEqualTo(harness.ledger);
        }
    }

    @Test
    void case10AForkShowsNoDrawdown() {
        harness.send("P1", premium("P1:GEN", cents("50,000.00")));
        harness.calendar(CalendarKind.WEEK_CLOSE, "W0");

        assertThat(harness.state("P1:GEN").getBalanceCents()).isEqualTo(cents("100,000.00"));
        assertThat(harness.state("P1:GEN").getPerformanceIndexNanos()).isEqualTo(1_500_000_000L);
        assertThat(eventsOf(DrawdownBreach.class)).isEmpty();
    }

    @Test
    void case10GenerationLosingEightPercentTwiceBreachesOnceAndClearsAfterTwoPercent() {
        harness.send("P1", loss("P1:GEN", cents("8,000.00")));
        harness.calendar(CalendarKind.WEEK_CLOSE, "W1");
        assertThat(eventsOf(DrawdownBreach.class)).as("8%% is within 15%%").isEmpty();
        harness.send("P1", loss("P1:GEN", cents("7,360.00")));
        harness.calendar(CalendarKind.WEEK_CLOSE, "W2");

        assertThat(eventsOf(DrawdownBreach.class)).singleElement().satisfies(b -> {
            assertThat(b.getAccountId()).isEqualTo("P1:GEN");
            assertThat(b.getPerformanceIndexNanos()).isEqualTo(846_400_000L);
            assertThat(b.getDrawdownBps()).isEqualTo(1_536);
        });
        harness.calendar(CalendarKind.WEEK_CLOSE, "W3");
        assertThat(eventsOf(DrawdownBreach.class)).as("raised once").hasSize(1);

        harness.send("P1", premium("P1:GEN", cents("1,692.80")));
        harness.calendar(CalendarKind.WEEK_CLOSE, "W4");

        assertThat(eventsOf(DrawdownCleared.class)).singleElement().satisfies(c -> {
            assertThat(c.getPerformanceIndexNanos()).isEqualTo(863_328_000L);
            assertThat(c.getDrawdownBps()).isEqualTo(1_366);
        });
    }

    private long totalBalance() {
        return harness.states.values().stream()
                .mapToLong(AccountState::getBalanceCents)
                .sum();
    }
}
