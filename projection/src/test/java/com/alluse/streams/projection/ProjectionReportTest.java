package com.alluse.streams.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.domain.Template;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report from hand-made results: every number is exact, so the text can be compared whole. */
class ProjectionReportTest {
    private static final long CAPITAL_CENTS = 300_000_00L;
    private static final long WEEKLY_INCOME_CENTS = 1_000_01L;

    @Test
    void weeklyCsvHasOneRowPerWeekFromTheOpeningWithExactDecimalAmounts() {
        ProjectionResult result = result(2, List.of(), List.of());

        assertThat(ProjectionReport.weeklyCsv(result)).isEqualTo("""
                week,total_value,accounts_open,fork_groups_open,forks_to_date,merges_to_date,income,generation_value,revenue_value,compounding_value
                0,300000.00,3,0,0,0,0.00,120000.00,90000.00,90000.00
                1,301000.01,3,0,0,0,1000.01,121000.01,90000.00,90000.00
                2,302000.02,3,0,0,0,1000.01,122000.02,90000.00,90000.00
                """);
    }

    @Test
    void yearlyCsvSumsIncomePerYearOfFiftyTwoWeeksAndEndsWithAPartialYear() {
        ProjectionResult result = result(54, List.of(), List.of());

        assertThat(ProjectionReport.yearlyCsv(result)).isEqualTo("""
                year,first_week,last_week,total_value,income,fork_groups_open,forks,merges,accounts_open
                1,1,52,352000.52,52000.52,0,0,0,3
                2,53,54,354000.54,2000.02,0,0,0,3
                """);
    }

    @Test
    void forkAndMergeLogsListEveryEventWithItsWeekAndAmount() {
        ProjectionResult.Fork fork =
                new ProjectionResult.Fork(2, "projection:F1", "projection:GEN", 50_000_01L, 25_000_01L, 25_000_00L);
        ProjectionResult.Merge merge =
                new ProjectionResult.Merge(2, "projection:M1", "projection:F1", "projection:COM", 500_000_00L);
        ProjectionResult result = result(2, List.of(fork), List.of(merge));

        assertThat(ProjectionReport.forksCsv(result)).isEqualTo("""
                week,fork_id,parent_account_id,surplus,generation_child,compounding_child
                2,projection:F1,projection:GEN,50000.01,25000.01,25000.00
                """);
        assertThat(ProjectionReport.mergesCsv(result)).isEqualTo("""
                week,merge_id,fork_id,target_account_id,amount
                2,projection:M1,projection:F1,projection:COM,500000.00
                """);
        assertThat(ProjectionReport.markdown(result))
                .contains("| 2 | projection:F1 | projection:GEN | 50000.01 | 25000.01 | 25000.00 |")
                .contains("| 2 | projection:M1 | projection:F1 | projection:COM | 500000.00 |");
    }

    @Test
    void markdownStatesTheInputsTheYearTableWithTotalsAndLinksTheCharts() {
        String markdown = ProjectionReport.markdown(result(54, List.of(), List.of()));

        assertThat(markdown)
                .startsWith("# ALL-USE projection: 300000.00 MODERATE over 54 weeks\n")
                .contains("| template | MODERATE: Gen 120000.00, Rev 90000.00, Com 90000.00 |")
                .contains("| fork threshold | 50000.00 |", "| merge threshold | 500000.00 |")
                .contains("95% of the balance x the type's target weekly return (Gen 1.5%, Rev 1%, Com 0.5%)")
                .contains("| 1 | 1-52 | 352000.52 | 52000.52 | 0 | 0 | 0 | 3 |")
                .contains("| **total** | 1-54 | **354000.54** | **54000.54** | 0 | **0** | **0** | 3 |")
                .contains("![Portfolio value](portfolio-value.png)", "![Open accounts and fork groups](accounts.png)")
                .contains("No fork.", "No merge: no fork group reached the merge threshold of 500000.00.");
    }

    /** Gen earns {@link #WEEKLY_INCOME_CENTS} a week; forks and merges are only logged, not booked. */
    private static ProjectionResult result(
            int weeks, List<ProjectionResult.Fork> forks, List<ProjectionResult.Merge> merges) {
        List<ProjectionResult.Week> snapshots = new ArrayList<>();
        List<ProjectionResult.Premium> premiums = new ArrayList<>();
        for (int week = 0; week <= weeks; week++) {
            long incomeCents = week == 0 ? 0 : WEEKLY_INCOME_CENTS;
            long generationCents = 120_000_00L + week * WEEKLY_INCOME_CENTS;
            snapshots.add(new ProjectionResult.Week(
                    week,
                    CAPITAL_CENTS + week * WEEKLY_INCOME_CENTS,
                    generationCents,
                    90_000_00L,
                    90_000_00L,
                    3,
                    0,
                    0,
                    0,
                    incomeCents));
            if (week > 0) {
                premiums.add(new ProjectionResult.Premium(week, "projection:GEN", incomeCents, generationCents));
            }
        }
        ProjectionInputs inputs = ProjectionInputs.withDefaultThresholds(CAPITAL_CENTS, Template.MODERATE, weeks);
        return new ProjectionResult(inputs, snapshots, premiums, forks, merges);
    }
}
