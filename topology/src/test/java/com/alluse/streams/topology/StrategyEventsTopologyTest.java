package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.cashBuffer;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.loss;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static com.alluse.streams.client.AccountCommands.suspend;
import static com.alluse.streams.client.AccountCommands.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strategy-events node of {@link AccountTopology}, through the production topology. */
class StrategyEventsTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void open() {
        harness = new TopologyHarness(stateDir);
        harness.send("open", "P1", openPortfolio(25_000_000L, "MODERATE"));
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldAnnounceEveryOpenedMainAccountWithAvailableTimesSizing() {
        assertThat(harness.strategyEvents)
                .extracting(
                        StrategyEvent::getAccountId, StrategyEvent::getKind, StrategyEvent::getDeployableCapitalCents)
                .containsExactly(
                        // Gen 100,000.00: available 95,000.00 x 90%; Rev and Com 75,000.00: 71,250.00 x 90% and 85%
                        tuple("P1:GEN", StrategyEventKind.ACCOUNT_OPENED, 8_550_000L),
                        tuple("P1:REV", StrategyEventKind.ACCOUNT_OPENED, 6_412_500L),
                        tuple("P1:COM", StrategyEventKind.ACCOUNT_OPENED, 6_056_250L));
    }

    @Test
    void shouldAnnounceDeployableCapitalAfterDepositsWithdrawalsAndBufferChangesButNotAfterRejections() {
        harness.strategyEvents.clear();
        harness.send("P1", deposit("P1:REV", 1_000_000L));
        harness.send("P1", withdrawal("P1:GEN", 100_000L));
        harness.send("P1", cashBuffer("P1:COM", 1_000));
        assertThat(harness.send("P1", withdrawal("P1:COM", 100L)).getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        harness.calendar(CalendarKind.WEEK_CLOSE, "W1");

        assertThat(harness.strategyEvents)
                .extracting(StrategyEvent::getAccountId, StrategyEvent::getKind)
                .containsExactly(
                        tuple("P1:REV", StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED),
                        tuple("P1:GEN", StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED),
                        tuple("P1:COM", StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED));
        assertDeployableMatchesTheStates();
    }

    @Test
    void shouldAnnounceAQuarterlyReinvestmentFromTheReinvestmentProcessorWithItsSplit() {
        harness.send("P1", premium("P1:REV", 2_000_000L));
        harness.strategyEvents.clear();

        harness.calendar(CalendarKind.QUARTER_CLOSE, "Q1");

        // 20,000.00 of net earnings, 75% to contracts and 25% to LEAPS, within the balance.
        assertThat(harness.strategyEvents)
                .filteredOn(event -> event.getKind() == StrategyEventKind.REINVESTMENT_ALLOCATED)
                .extracting(
                        StrategyEvent::getAccountId,
                        StrategyEvent::getReinvestedContractsCents,
                        StrategyEvent::getReinvestedLeapsCents)
                .containsExactly(tuple("P1:REV", 1_500_000L, 500_000L));
        assertDeployableMatchesTheStates();
    }

    @Test
    void shouldAnnounceAForkAsTwoOpenedChildrenWhenTheParentIsBackAtItsPrincipal() {
        harness.strategyEvents.clear();

        harness.send("P1", premium("P1:GEN", 5_000_000L));

        // The premium and the fork are one step: the parent's deployable capital ends where it was.
        assertThat(harness.strategyEvents)
                .extracting(StrategyEvent::getAccountId, StrategyEvent::getKind)
                .containsExactly(
                        tuple("P1:F1:GEN", StrategyEventKind.ACCOUNT_OPENED),
                        tuple("P1:F1:COM", StrategyEventKind.ACCOUNT_OPENED));
        assertDeployableMatchesTheStates();
    }

    @Test
    void shouldAnnounceAMergeAsClosedChildrenAndTheTargetsNewCapitalAndNothingAfterTheClose() {
        harness.send("P1", premium("P1:GEN", 5_000_000L));
        harness.send("P1", deposit("P1:F1:GEN", 27_500_000L));
        harness.send("P1", deposit("P1:F1:COM", 17_499_999L));
        harness.strategyEvents.clear();

        harness.send("P1", premium("P1:F1:GEN", 1L));
        assertThat(harness.send("P1", premium("P1:F1:GEN", 1L)).getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        harness.calendar(CalendarKind.WEEK_CLOSE, "W1");

        assertThat(harness.strategyEvents)
                .extracting(StrategyEvent::getAccountId, StrategyEvent::getKind)
                .containsExactlyInAnyOrder(
                        tuple("P1:F1:GEN", StrategyEventKind.ACCOUNT_CLOSED),
                        tuple("P1:F1:COM", StrategyEventKind.ACCOUNT_CLOSED),
                        tuple("P1:COM", StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED));
        assertThat(harness.strategyEvents)
                .filteredOn(e -> e.getKind() == StrategyEventKind.ACCOUNT_CLOSED)
                .allSatisfy(e -> assertThat(e.getCloseReason()).isEqualTo("MERGED"));
        assertDeployableMatchesTheStates();
    }

    @Test
    void shouldAnnounceSuspensionAndADrawdownBreachAtTheWeekClose() {
        harness.send("P1", suspend("P1:GEN"));
        harness.send("P1", loss("P1:GEN", 2_000_000L));
        harness.strategyEvents.clear();

        harness.calendar(CalendarKind.WEEK_CLOSE, "W1");

        assertThat(harness.strategyEvents)
                .extracting(StrategyEvent::getAccountId, StrategyEvent::getKind)
                .containsExactly(tuple("P1:GEN", StrategyEventKind.DRAWDOWN_BREACH));
    }

    private void assertDeployableMatchesTheStates() {
        for (AccountState state : harness.states.values()) {
            List<StrategyEvent> events = harness.strategyEvents.stream()
                    .filter(e -> e.getAccountId().equals(state.getAccountId()))
                    .toList();
            if (!events.isEmpty()) {
                StrategyEvent last = events.get(events.size() - 1);
                assertThat(last.getAvailableCents()).isEqualTo(state.getAvailableCents());
                assertThat(last.getDeployableCapitalCents())
                        .isEqualTo(state.getAvailableCents() * last.getPositionSizingBps() / 10_000);
            }
        }
    }
}
