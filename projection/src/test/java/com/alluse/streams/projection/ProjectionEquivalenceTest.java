package com.alluse.streams.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.domain.Template;
import com.alluse.streams.processors.internals.AccountStateMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projection runs on the domain rules alone; these tests run the same weeks through the
 * production topology (AccountTopology in a TopologyTestDriver) and require the same ledger to
 * the cent. Each run computes its premiums from its own ledger's balances, so one cent booked
 * differently would spread to every later week.
 */
class ProjectionEquivalenceTest {
    private static final long CAPITAL_CENTS = 300_000_00L;
    private static final int TEN_YEARS = 520;
    private static final int FOUR_YEARS = 208;
    private static final long LOW_MERGE_THRESHOLD_CENTS = 100_000_00L;

    private static Runs tenYears;
    private static Runs fourYearsLowMergeThreshold;

    @BeforeAll
    static void runOnTheRulesAndThroughTheTopology() {
        tenYears = Runs.of(ProjectionInputs.withDefaultThresholds(CAPITAL_CENTS, Template.MODERATE, TEN_YEARS));
        fourYearsLowMergeThreshold = Runs.of(new ProjectionInputs(
                CAPITAL_CENTS,
                Template.MODERATE,
                FOUR_YEARS,
                RulesConfig.DEFAULTS.forkThresholdCents(),
                LOW_MERGE_THRESHOLD_CENTS));
    }

    @Test
    void everyAccountHasTheSameBalanceOnTheRulesAsOnTheTopologyAfterEveryWeekAndQuarterClose() {
        assertThat(tenYears.onRules.closes())
                .hasSize(TEN_YEARS + TEN_YEARS / ProjectionSimulator.WEEKS_PER_QUARTER)
                .isEqualTo(tenYears.onTopology.closes());
        assertSameInOrder("balance", tenYears.onRules.balances(), tenYears.onTopology.balances());
        assertSameInOrder(
                "balance",
                fourYearsLowMergeThreshold.onRules.balances(),
                fourYearsLowMergeThreshold.onTopology.balances());
    }

    @Test
    void theRulesForkTheSameAccountsInTheSameWeeksWithTheSameSurplusesAsTheTopology() {
        assertThat(tenYears.viaRules.forks()).hasSize(317);
        assertSameInOrder("fork", tenYears.viaRules.forks(), tenYears.viaTopology.forks());
        assertSameInOrder(
                "fork", fourYearsLowMergeThreshold.viaRules.forks(), fourYearsLowMergeThreshold.viaTopology.forks());
    }

    @Test
    void theRulesMergeTheSameGroupsInTheSameWeeksWithTheSameAmountsAsTheTopology() {
        assertThat(fourYearsLowMergeThreshold.viaRules.merges()).hasSizeGreaterThan(1);
        assertSameInOrder(
                "merge", fourYearsLowMergeThreshold.viaRules.merges(), fourYearsLowMergeThreshold.viaTopology.merges());
        assertThat(tenYears.viaRules.merges()).isEmpty();
        assertThat(tenYears.viaTopology.merges()).isEmpty();
    }

    @Test
    void theRulesCreditTheSamePremiumsAndReportTheSameWeeksAsTheTopology() {
        for (Runs runs : List.of(tenYears, fourYearsLowMergeThreshold)) {
            assertSameInOrder("premium", runs.viaRules.premiums(), runs.viaTopology.premiums());
            assertSameInOrder("week", runs.viaRules.weeks(), runs.viaTopology.weeks());
        }
        assertThat(tenYears.viaRules.last().totalValueCents()).isEqualTo(40_685_350_76L);
    }

    @Test
    void everyAccountStateTheRulesBookEqualsTheStateTheTopologyPublishesAfterEveryClose() {
        // Status, principal, buffer, sequence, performance index, drawdown, reinvestment totals, times and causes.
        assertSameInOrder("account state", tenYears.onRules.states(), tenYears.onTopology.states());
        assertSameInOrder(
                "account state",
                fourYearsLowMergeThreshold.onRules.states(),
                fourYearsLowMergeThreshold.onTopology.states());
    }

    /** Reports the first difference only: whole ten-year lists would make a message of hundreds of megabytes. */
    private static <T> void assertSameInOrder(String what, List<T> onRules, List<T> onTopology) {
        for (int index = 0; index < Math.min(onRules.size(), onTopology.size()); index++) {
            assertThat(onRules.get(index))
                    .as("%s %d on the rules vs through the topology", what, index)
                    .isEqualTo(onTopology.get(index));
        }
        assertThat(onRules.size())
                .as("%s count on the rules vs through the topology", what)
                .isEqualTo(onTopology.size());
    }

    /** One projection run twice: on the rules, as `alluse project` runs it, and through the topology. */
    private record Runs(
            ProjectionResult viaRules,
            StatesAtEachClose onRules,
            ProjectionResult viaTopology,
            StatesAtEachClose onTopology) {
        static Runs of(ProjectionInputs inputs) {
            StatesAtEachClose onRules =
                    new StatesAtEachClose(new RulesLedger(ProjectionSimulator.PORTFOLIO_ID, inputs.rules()));
            ProjectionResult viaRules = new ProjectionSimulator().run(inputs, onRules);
            Duration wholeRun = Duration.ofDays(7).multipliedBy(inputs.weeks() + 1L);
            try (TopologyLedger topology =
                    new TopologyLedger(ProjectionSimulator.PORTFOLIO_ID, inputs.rules(), wholeRun)) {
                StatesAtEachClose onTopology = new StatesAtEachClose(topology);
                return new Runs(viaRules, onRules, new ProjectionSimulator().run(inputs, onTopology), onTopology);
            }
        }
    }

    record Balance(String periodId, String accountId, long balanceCents) {}

    record StateAtClose(String periodId, AccountState state) {}

    /**
     * Passes every input on to a ledger and keeps, after each week and quarter close, the state of
     * every account it booked (as Avro records, which compare by value and copy the rules' mutable
     * accounts when booked rather than when compared).
     */
    private static final class StatesAtEachClose implements ProjectionLedger {
        private final ProjectionLedger ledger;
        private final Map<String, AccountState> latest = new LinkedHashMap<>();
        private final List<String> closes = new ArrayList<>();
        private final List<StateAtClose> states = new ArrayList<>();

        StatesAtEachClose(ProjectionLedger ledger) {
            this.ledger = ledger;
        }

        @Override
        public Booking submit(Cause cause, Command command) {
            return keep(ledger.submit(cause, command));
        }

        @Override
        public Booking closeWeek(Cause cause, String periodId) {
            return keepAtClose(periodId, ledger.closeWeek(cause, periodId));
        }

        @Override
        public Booking closeQuarter(Cause cause, String periodId) {
            return keepAtClose(periodId, ledger.closeQuarter(cause, periodId));
        }

        private Booking keepAtClose(String periodId, Booking booking) {
            keep(booking);
            closes.add(periodId);
            latest.values().forEach(state -> states.add(new StateAtClose(periodId, state)));
            return booking;
        }

        private Booking keep(Booking booking) {
            for (Account account : booking.accounts()) {
                latest.put(account.accountId(), AccountStateMapper.toAvro(account));
            }
            return booking;
        }

        /** The period ids closed, in order: Y1-W1, ..., Y1-W13, Y1-Q1, Y1-W14, ... */
        List<String> closes() {
            return closes;
        }

        /** Every account's state after every close, in closing order, accounts in opening order. */
        List<StateAtClose> states() {
            return states;
        }

        List<Balance> balances() {
            return states.stream()
                    .map(at -> new Balance(
                            at.periodId(), at.state().getAccountId(), at.state().getBalanceCents()))
                    .toList();
        }
    }
}
