package com.alluse.streams.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.ExecutionKind;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedStrategyEngineTest {
    private static final Set<DayOfWeek> ALL_WEEK = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final long DEPLOYABLE_CENTS = 10_000_000L;

    private final SimulatedStrategyEngine engine = new SimulatedStrategyEngine(7, TradingProfile.DEFAULT);

    @Test
    void shouldTradeTheSameWayForTheSameSeedWeekAndAccount() {
        List<AccountView> accounts = accounts(20);

        assertThat(engine.trades(3, accounts, ALL_WEEK))
                .isEqualTo(new SimulatedStrategyEngine(7, TradingProfile.DEFAULT).trades(3, accounts, ALL_WEEK));
        assertThat(engine.trades(3, accounts, ALL_WEEK)).isNotEqualTo(engine.trades(4, accounts, ALL_WEEK));
    }

    @Test
    void shouldTradeEachAccountOnceAWeekOnOneOfItsEntryDaysCommissionFirst() {
        List<Trade> trades = engine.trades(0, accounts(50), ALL_WEEK);

        for (String accountId : trades.stream().map(Trade::accountId).distinct().toList()) {
            List<Trade> ofAccount =
                    trades.stream().filter(t -> t.accountId().equals(accountId)).toList();
            assertThat(ofAccount).hasSizeBetween(1, 2);
            assertThat(ofAccount.get(ofAccount.size() - 1).kind()).isNotEqualTo(ExecutionKind.COMMISSION);
            assertThat(ofAccount)
                    .extracting(Trade::day)
                    .containsOnly(ofAccount.get(0).day());
        }
        assertThat(trades.stream().map(Trade::accountId).distinct()).hasSize(100);
        assertThat(trades.stream().filter(t -> t.accountId().endsWith(":GEN")).map(Trade::day))
                .containsOnly(DayOfWeek.THURSDAY);
    }

    @Test
    void shouldBillEachAccountsFeesOnceEveryFourWeeks() {
        List<AccountView> accounts = accounts(50);
        List<Trade> commissions = new ArrayList<>();
        for (int week = 0; week < 8; week++) {
            engine.trades(week, accounts, ALL_WEEK).stream()
                    .filter(t -> t.kind() == ExecutionKind.COMMISSION)
                    .forEach(commissions::add);
        }

        assertThat(commissions).hasSize(2 * 100);
        assertThat(commissions.stream().map(Trade::accountId).distinct()).hasSize(100);
    }

    @Test
    void shouldTradeOnlyTheAccountsWhoseEntryDayIsInTheStep() {
        List<AccountView> accounts = accounts(20);

        List<Trade> thursday = engine.trades(0, accounts, EnumSet.of(DayOfWeek.THURSDAY));
        List<Trade> earlyWeek = engine.trades(0, accounts, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY));

        assertThat(thursday)
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.accountId()).endsWith(":GEN"));
        assertThat(earlyWeek)
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.accountId()).endsWith(":REV"));
    }

    @Test
    void shouldPayPremiumsAroundTheTargetReturnOfTheDeployableCapital() {
        List<Trade> premiums = engine.trades(0, accounts(200), ALL_WEEK).stream()
                .filter(t -> t.kind() == ExecutionKind.PREMIUM && t.accountId().endsWith(":GEN"))
                .toList();

        // Target 1.50% of 100,000.00 = 1,500.00, noise +-50%.
        assertThat(premiums)
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.amountCents()).isBetween(75_000L, 225_000L));
        assertThat(premiums.stream().mapToLong(Trade::amountCents).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void shouldMakeOccasionalLossesAndAssignments() {
        List<Trade> trades = new ArrayList<>();
        for (int week = 0; week < 10; week++) {
            trades.addAll(engine.trades(week, accounts(50), ALL_WEEK));
        }

        assertThat(trades).extracting(Trade::kind).contains(ExecutionKind.LOSS, ExecutionKind.ASSIGNMENT_LOSS);
        long losses = trades.stream()
                .filter(t -> t.kind() != ExecutionKind.PREMIUM && t.kind() != ExecutionKind.COMMISSION)
                .count();
        assertThat(losses).as("about a tenth of 1,000 account-weeks").isBetween(40L, 200L);
    }

    @Test
    void shouldChargeTheCommissionOfTheContractsTradedOverTheInterval() {
        List<AccountView> one = accounts(1).subList(0, 1);
        Trade commission = java.util.stream.IntStream.range(0, 4)
                .mapToObj(week -> engine.trades(week, one, ALL_WEEK))
                .flatMap(List::stream)
                .filter(t -> t.kind() == ExecutionKind.COMMISSION)
                .findFirst()
                .orElseThrow();

        // 100,000.00 deployable at 10,000.00 per contract: 10 contracts at 0.65 a week, billed for four weeks.
        assertThat(commission.quantity()).isEqualTo(10);
        assertThat(commission.amountCents()).isEqualTo(2_600);
    }

    @Test
    void shouldNotTradeAnAccountWithoutCapitalToDeploy() {
        List<AccountView> empty = List.of(AccountView.of(TestEvents.opened("P1:GEN", 0)));

        assertThat(engine.trades(0, empty, ALL_WEEK)).isEmpty();
    }

    private static List<AccountView> accounts(int portfolios) {
        List<AccountView> accounts = new ArrayList<>();
        for (int p = 0; p < portfolios; p++) {
            accounts.add(AccountView.of(TestEvents.opened("P" + p + ":GEN", DEPLOYABLE_CENTS)));
            accounts.add(AccountView.of(TestEvents.opened("P" + p + ":REV", DEPLOYABLE_CENTS)));
        }
        return accounts;
    }
}
