package com.alluse.streams.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.domain.AccountIds;
import com.alluse.streams.domain.AccountType;
import com.alluse.streams.domain.Template;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the projection on the domain rules; runs are shared between tests. */
class ProjectionSimulatorTest {
    private static final long CAPITAL_CENTS = 300_000_00L;
    private static final long DEFAULT_FORK_THRESHOLD_CENTS = 50_000_00L;
    private static final long LOW_MERGE_THRESHOLD_CENTS = 100_000_00L;
    private static final String GEN = AccountIds.main(ProjectionSimulator.PORTFOLIO_ID, AccountType.GENERATION);
    private static final String COM = AccountIds.main(ProjectionSimulator.PORTFOLIO_ID, AccountType.COMPOUNDING);

    private static ProjectionResult oneYear;
    private static ProjectionResult twoYearsLowMergeThreshold;
    private static ProjectionResult tenYears;

    @BeforeAll
    static void project() {
        oneYear = new ProjectionSimulator()
                .run(ProjectionInputs.withDefaultThresholds(CAPITAL_CENTS, Template.MODERATE, 52));
        twoYearsLowMergeThreshold = twoYearsWithLowMergeThreshold();
        tenYears = new ProjectionSimulator()
                .run(ProjectionInputs.withDefaultThresholds(CAPITAL_CENTS, Template.MODERATE, 520));
    }

    @Test
    void theLedgerCreditsGenSeventeenHundredTenInWeekOne() {
        // Gen opens with 40% of 300,000.00 = 120,000.00; 120,000.00 x 0.95 x 1.5% = 1,710.00.
        ProjectionResult.Premium genWeekOne = oneYear.premiums().stream()
                .filter(premium -> premium.week() == 1 && premium.accountId().equals(GEN))
                .findFirst()
                .orElseThrow();

        assertThat(genWeekOne.amountCents()).isEqualTo(1_710_00L);
        assertThat(genWeekOne.balanceAfterCents()).isEqualTo(121_710_00L);
        assertThat(oneYear.weeks().get(1).generationCents()).isEqualTo(121_710_00L);
    }

    @Test
    void everyOpenAccountEarnsEveryWeekAndChildrenStartTheWeekAfterTheirFork() {
        ProjectionResult.Fork firstFork = oneYear.forks().get(0);
        List<String> earningInForkWeek = accountsEarningIn(oneYear, firstFork.week());
        List<String> earningWeekAfter = accountsEarningIn(oneYear, firstFork.week() + 1);

        assertThat(accountsEarningIn(oneYear, 1)).hasSize(3);
        assertThat(earningInForkWeek).hasSize(3);
        assertThat(earningWeekAfter).hasSize(5).contains(firstFork.forkId() + ":GEN", firstFork.forkId() + ":COM");
    }

    @Test
    void conservesMoneyEveryWeekTheTotalIsCapitalPlusAllPremiumsSoFar() {
        long premiumsSoFarCents = 0;
        for (ProjectionResult.Week week : tenYears.weeks()) {
            premiumsSoFarCents += week.incomeCents();
            assertThat(week.totalValueCents()).as("week %d", week.week()).isEqualTo(CAPITAL_CENTS + premiumsSoFarCents);
        }
        assertThat(tenYears.last().totalValueCents()).isEqualTo(CAPITAL_CENTS + tenYears.totalIncomeCents());
    }

    @Test
    void tenYearsForkRepeatedlyAndEverySurplusIsAtLeastTheThresholdSplitCeilAndFloor() {
        assertThat(tenYears.forks()).hasSizeGreaterThan(10);
        assertThat(tenYears.forks()).allSatisfy(fork -> {
            assertThat(fork.surplusCents()).isGreaterThanOrEqualTo(DEFAULT_FORK_THRESHOLD_CENTS);
            assertThat(fork.generationCents() + fork.compoundingCents()).isEqualTo(fork.surplusCents());
            assertThat(fork.generationCents() - fork.compoundingCents()).isBetween(0L, 1L);
        });
        assertThat(tenYears.last().openForkGroups())
                .isEqualTo(tenYears.forks().size() - tenYears.merges().size());
    }

    @Test
    void tenYearsAtTheDefaultMergeThresholdMergeNoGroupYet() {
        // A group's Gen child forks its surplus away at +50,000.00, so the group grows with its Com
        // child at 0.475% a week: from ~25,000.00 it needs about 12 years to bring the group to 500,000.00.
        assertThat(tenYears.merges()).isEmpty();
    }

    @Test
    void groupsReachingALowerMergeThresholdMergeIntoTheMainComAccountAndMoneyIsStillConserved() {
        ProjectionResult.Week last = twoYearsLowMergeThreshold.last();

        assertThat(twoYearsLowMergeThreshold.merges()).isNotEmpty().allSatisfy(merge -> {
            assertThat(merge.amountCents()).isGreaterThanOrEqualTo(LOW_MERGE_THRESHOLD_CENTS);
            assertThat(merge.targetAccountId()).isEqualTo(COM);
        });
        assertThat(last.openForkGroups()).isEqualTo(last.forksToDate() - last.mergesToDate());
        assertThat(last.totalValueCents()).isEqualTo(CAPITAL_CENTS + twoYearsLowMergeThreshold.totalIncomeCents());
    }

    @Test
    void twoRunsOfTheSameInputsWriteIdenticalReports() {
        ProjectionResult again = twoYearsWithLowMergeThreshold();

        assertThat(ProjectionReport.weeklyCsv(again)).isEqualTo(ProjectionReport.weeklyCsv(twoYearsLowMergeThreshold));
        assertThat(ProjectionReport.forksCsv(again)).isEqualTo(ProjectionReport.forksCsv(twoYearsLowMergeThreshold));
        assertThat(ProjectionReport.mergesCsv(again)).isEqualTo(ProjectionReport.mergesCsv(twoYearsLowMergeThreshold));
    }

    private static ProjectionResult twoYearsWithLowMergeThreshold() {
        return new ProjectionSimulator()
                .run(new ProjectionInputs(
                        CAPITAL_CENTS,
                        Template.MODERATE,
                        104,
                        DEFAULT_FORK_THRESHOLD_CENTS,
                        LOW_MERGE_THRESHOLD_CENTS));
    }

    private static List<String> accountsEarningIn(ProjectionResult result, int week) {
        return result.premiums().stream()
                .filter(premium -> premium.week() == week)
                .map(ProjectionResult.Premium::accountId)
                .toList();
    }
}
