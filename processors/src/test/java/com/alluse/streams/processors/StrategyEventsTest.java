package com.alluse.streams.processors;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.AccountType;
import com.alluse.streams.avro.CloseReason;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyEventsTest {
    private static final long TIME_MS = 1_764_000_000_000L;
    private static final long BUFFER_CENTS = 500_000L;

    /** The account states as the ledger stores them, one step after another. */
    private final Map<String, AccountState> stored = new HashMap<>();

    @Test
    void shouldAnnounceANewAccountWithItsTypeParametersAndDeployableCapital() {
        List<StrategyEvent> events = send(state("P1:GEN", AccountType.GENERATION, 10_000_000L));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getKind()).isEqualTo(StrategyEventKind.ACCOUNT_OPENED);
            assertThat(event.getEventId()).isEqualTo("c1/P1:GEN/ACCOUNT_OPENED");
            assertThat(event.getDeltaMin()).isEqualTo(40);
            assertThat(event.getDeltaMax()).isEqualTo(50);
            assertThat(event.getEntryDays()).containsExactly("THURSDAY");
            assertThat(event.getPositionSizingBps()).isEqualTo(9_000);
            assertThat(event.getTargetWeeklyReturnBps()).isEqualTo(150);
            assertThat(event.getAvailableCents()).isEqualTo(9_500_000L);
            assertThat(event.getDeployableCapitalCents()).isEqualTo(8_550_000L);
        });
    }

    @Test
    void shouldRoundDeployableCapitalDownToTheCentWhenSizingLeavesAFraction() {
        // available 1,000.01 x 85% = 850.0085 -> 850.00
        StrategyEvent opened = send(state("P1:COM", AccountType.COMPOUNDING, BUFFER_CENTS + 100_001L))
                .get(0);

        assertThat(opened.getDeployableCapitalCents()).isEqualTo(85_000L);
        assertThat(StrategyEvents.deployableCents(Long.MAX_VALUE, 10_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldAnnounceDeployableCapitalWhenAvailableChanges() {
        send(state("P1:REV", AccountType.REVENUE, 10_000_000L));

        List<StrategyEvent> events = send(state("P1:REV", AccountType.REVENUE, 12_000_000L));

        assertThat(events)
                .extracting(StrategyEvent::getKind)
                .containsExactly(StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED);
        assertThat(events.get(0).getDeployableCapitalCents()).isEqualTo(10_350_000L);
    }

    @Test
    void shouldStaySilentWhenNothingTheEngineSeesChanged() {
        send(state("P1:REV", AccountType.REVENUE, 10_000_000L));

        AccountState weekClosed = state("P1:REV", AccountType.REVENUE, 10_000_000L);
        weekClosed.setPerformanceIndexNanos(1_010_000_000L);

        assertThat(send(weekClosed)).isEmpty();
    }

    @Test
    void shouldAnnounceSuspensionAndActivation() {
        AccountState state = state("P1:REV", AccountType.REVENUE, 10_000_000L);
        send(state);

        state.setStatus(AccountStatus.SUSPENDED);
        assertThat(send(state)).extracting(StrategyEvent::getKind).containsExactly(StrategyEventKind.ACCOUNT_SUSPENDED);
        state.setStatus(AccountStatus.ACTIVE);
        assertThat(send(state)).extracting(StrategyEvent::getKind).containsExactly(StrategyEventKind.ACCOUNT_ACTIVATED);
    }

    @Test
    void shouldAnnounceABufferBreachOncePerCrossing() {
        AccountState state = state("P1:GEN", AccountType.GENERATION, 10_000_000L);
        send(state);

        breach(state, BUFFER_CENTS - 1);
        assertThat(send(state))
                .extracting(StrategyEvent::getKind)
                .containsExactly(StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED, StrategyEventKind.BUFFER_BREACH);
        breach(state, BUFFER_CENTS - 2);
        assertThat(send(state)).as("still below: no new breach").isEmpty();
        state.setBalanceCents(BUFFER_CENTS);
        state.setBufferBreached(false);
        assertThat(send(state)).as("back at the buffer: re-armed silently").isEmpty();
        breach(state, BUFFER_CENTS - 1);
        assertThat(send(state)).extracting(StrategyEvent::getKind).containsExactly(StrategyEventKind.BUFFER_BREACH);
    }

    @Test
    void shouldAnnounceDrawdownBreachAndClearance() {
        AccountState state = state("P1:COM", AccountType.COMPOUNDING, 10_000_000L);
        send(state);

        state.setDrawdownBreached(true);
        assertThat(send(state)).extracting(StrategyEvent::getKind).containsExactly(StrategyEventKind.DRAWDOWN_BREACH);
        state.setDrawdownBreached(false);
        assertThat(send(state)).extracting(StrategyEvent::getKind).containsExactly(StrategyEventKind.DRAWDOWN_CLEARED);
    }

    @Test
    void shouldAnnounceOnlyTheCloseOfAMergedAccountAndNothingAfterIt() {
        AccountState state = state("P1:F1:COM", AccountType.COMPOUNDING, 10_000_000L);
        send(state);

        close(state);
        List<StrategyEvent> closed = send(state);
        state.setBalanceCents(20_000_000L);
        state.setAvailableCents(19_500_000L);

        assertThat(closed).singleElement().satisfies(event -> {
            assertThat(event.getKind()).isEqualTo(StrategyEventKind.ACCOUNT_CLOSED);
            assertThat(event.getCloseReason()).isEqualTo("MERGED");
            assertThat(event.getDeployableCapitalCents()).isZero();
        });
        assertThat(send(state)).isEmpty();
    }

    @Test
    void shouldAnnounceAnAccountOpenedAndClosedInOneStepAsOpenedThenClosed() {
        AccountState state = state("P1:F1:GEN", AccountType.GENERATION, 0L);
        close(state);

        assertThat(send(state))
                .extracting(StrategyEvent::getKind)
                .containsExactly(StrategyEventKind.ACCOUNT_OPENED, StrategyEventKind.ACCOUNT_CLOSED);
    }

    @Test
    void shouldAnnounceAQuarterlyReinvestmentWithThisQuartersAllocationOnly() {
        AccountState state = state("P1:REV", AccountType.REVENUE, 10_000_000L);
        state.setReinvestedContractsCents(300_000L);
        state.setReinvestedLeapsCents(100_000L);
        send(state);

        state.setReinvestedContractsCents(1_050_000L);
        state.setReinvestedLeapsCents(350_000L);
        state.setEarningsSinceReinvestmentCents(0L);
        state.setLastCommandId("QUARTER_CLOSE/2026-Q1");
        List<StrategyEvent> events = send(state);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getKind()).isEqualTo(StrategyEventKind.REINVESTMENT_ALLOCATED);
            assertThat(event.getEventId()).isEqualTo("QUARTER_CLOSE/2026-Q1/P1:REV/REINVESTMENT_ALLOCATED");
            assertThat(event.getReinvestedContractsCents()).isEqualTo(750_000L);
            assertThat(event.getReinvestedLeapsCents()).isEqualTo(250_000L);
            assertThat(event.getDeployableCapitalCents())
                    .as("moved within the balance: unchanged")
                    .isEqualTo(8_550_000L);
        });
    }

    @Test
    void shouldLeaveTheAllocationEmptyOnEveryOtherKind() {
        List<StrategyEvent> opened = send(state("P1:GEN", AccountType.GENERATION, 10_000_000L));

        assertThat(opened).singleElement().satisfies(event -> {
            assertThat(event.getReinvestedContractsCents()).isNull();
            assertThat(event.getReinvestedLeapsCents()).isNull();
        });
    }

    @Test
    void shouldAnnounceTheViewOfTheStoredStateAsWhatTheEngineWasLastTold() {
        AccountState state = state("P1:GEN", AccountType.GENERATION, 10_000_000L);
        send(state);
        breach(state, BUFFER_CENTS - 1);
        List<StrategyEvent> events = send(state);

        assertThat(StrategyEvents.StrategyView.of(stored.get("P1:GEN")))
                .isEqualTo(new StrategyEvents.StrategyView(AccountStatus.ACTIVE, 0, true, false, 0, 0));
        assertThat(events.get(events.size() - 1).getDeployableCapitalCents()).isZero();
    }

    /** One ledger step of the account: its events against the state stored before, then the new state stored. */
    private List<StrategyEvent> send(AccountState state) {
        AccountState after = AccountState.newBuilder(state).build();
        List<StrategyEvent> events = StrategyEvents.between(stored.get(state.getAccountId()), after);
        stored.put(state.getAccountId(), after);
        return events;
    }

    private static void breach(AccountState state, long balanceCents) {
        state.setBalanceCents(balanceCents);
        state.setAvailableCents(0);
        state.setBufferBreached(true);
    }

    private static void close(AccountState state) {
        state.setStatus(AccountStatus.CLOSED);
        state.setCloseReason(CloseReason.MERGED);
        state.setBalanceCents(0);
        state.setAvailableCents(0);
    }

    private static AccountState state(String accountId, AccountType type, long balanceCents) {
        return AccountState.newBuilder()
                .setAccountId(accountId)
                .setPortfolioId("P1")
                .setAccountType(type)
                .setStatus(AccountStatus.ACTIVE)
                .setMain(!accountId.contains(":F"))
                .setInitialCents(balanceCents)
                .setPrincipalCents(balanceCents)
                .setBalanceCents(balanceCents)
                .setCashBufferBps(500)
                .setCashBufferCents(BUFFER_CENTS)
                .setAvailableCents(Math.max(0, balanceCents - BUFFER_CENTS))
                .setLastSequence(1)
                .setWeekStartBalanceCents(balanceCents)
                .setWeekNetEarningsCents(0)
                .setPerformanceIndexNanos(1_000_000_000L)
                .setHighWaterMarkNanos(1_000_000_000L)
                .setEarningsSinceReinvestmentCents(0)
                .setOpenedAtMs(TIME_MS)
                .setUpdatedAtMs(TIME_MS)
                .setLastCommandId("c1")
                .build();
    }
}
