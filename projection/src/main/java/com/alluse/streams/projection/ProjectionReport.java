package com.alluse.streams.projection;

import static com.alluse.streams.domain.Money.toDecimalString;

import com.alluse.streams.domain.AccountType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a projection as report.md and CSV files. Amounts are exact decimal strings of the cents
 * the ledger booked. Ids need no CSV quoting: account and fork ids never hold a comma.
 */
public final class ProjectionReport {
    public static final String MARKDOWN_FILE = "report.md";
    public static final String WEEKLY_CSV = "weekly.csv";
    public static final String YEARLY_CSV = "yearly.csv";
    public static final String FORKS_CSV = "forks.csv";
    public static final String MERGES_CSV = "merges.csv";

    private ProjectionReport() {}

    /** Writes every report file into {@code directory} (created if missing); returns their paths. */
    public static List<Path> write(ProjectionResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        return List.of(
                writeFile(directory.resolve(MARKDOWN_FILE), markdown(result)),
                writeFile(directory.resolve(WEEKLY_CSV), weeklyCsv(result)),
                writeFile(directory.resolve(YEARLY_CSV), yearlyCsv(result)),
                writeFile(directory.resolve(FORKS_CSV), forksCsv(result)),
                writeFile(directory.resolve(MERGES_CSV), mergesCsv(result)));
    }

    private static Path writeFile(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    public static String weeklyCsv(ProjectionResult result) {
        StringBuilder csv =
                new StringBuilder("week,total_value,accounts_open,fork_groups_open,forks_to_date,merges_to_date,"
                        + "income,generation_value,revenue_value,compounding_value\n");
        for (ProjectionResult.Week week : result.weeks()) {
            csv.append(week.week())
                    .append(',')
                    .append(toDecimalString(week.totalValueCents()))
                    .append(',')
                    .append(week.openAccounts())
                    .append(',')
                    .append(week.openForkGroups())
                    .append(',')
                    .append(week.forksToDate())
                    .append(',')
                    .append(week.mergesToDate())
                    .append(',')
                    .append(toDecimalString(week.incomeCents()))
                    .append(',')
                    .append(toDecimalString(week.generationCents()))
                    .append(',')
                    .append(toDecimalString(week.revenueCents()))
                    .append(',')
                    .append(toDecimalString(week.compoundingCents()))
                    .append('\n');
        }
        return csv.toString();
    }

    public static String yearlyCsv(ProjectionResult result) {
        StringBuilder csv = new StringBuilder(
                "year,first_week,last_week,total_value,income,fork_groups_open,forks,merges,accounts_open\n");
        for (ProjectionResult.Year year : result.years()) {
            csv.append(year.year())
                    .append(',')
                    .append(year.firstWeek())
                    .append(',')
                    .append(year.lastWeek())
                    .append(',')
                    .append(toDecimalString(year.endValueCents()))
                    .append(',')
                    .append(toDecimalString(year.incomeCents()))
                    .append(',')
                    .append(year.openForkGroupsAtEnd())
                    .append(',')
                    .append(year.forks())
                    .append(',')
                    .append(year.merges())
                    .append(',')
                    .append(year.openAccountsAtEnd())
                    .append('\n');
        }
        return csv.toString();
    }

    public static String forksCsv(ProjectionResult result) {
        StringBuilder csv =
                new StringBuilder("week,fork_id,parent_account_id,surplus,generation_child,compounding_child\n");
        for (ProjectionResult.Fork fork : result.forks()) {
            csv.append(fork.week())
                    .append(',')
                    .append(fork.forkId())
                    .append(',')
                    .append(fork.parentAccountId())
                    .append(',')
                    .append(toDecimalString(fork.surplusCents()))
                    .append(',')
                    .append(toDecimalString(fork.generationCents()))
                    .append(',')
                    .append(toDecimalString(fork.compoundingCents()))
                    .append('\n');
        }
        return csv.toString();
    }

    public static String mergesCsv(ProjectionResult result) {
        StringBuilder csv = new StringBuilder("week,merge_id,fork_id,target_account_id,amount\n");
        for (ProjectionResult.Merge merge : result.merges()) {
            csv.append(merge.week())
                    .append(',')
                    .append(merge.mergeId())
                    .append(',')
                    .append(merge.forkId())
                    .append(',')
                    .append(merge.targetAccountId())
                    .append(',')
                    .append(toDecimalString(merge.amountCents()))
                    .append('\n');
        }
        return csv.toString();
    }

    public static String markdown(ProjectionResult result) {
        StringBuilder md = new StringBuilder();
        ProjectionInputs inputs = result.inputs();
        md.append("# ALL-USE projection: ")
                .append(toDecimalString(inputs.capitalCents()))
                .append(' ')
                .append(inputs.template())
                .append(" over ")
                .append(horizon(inputs))
                .append("\n\n")
                .append(
                        "Computed by the production domain rules (the ledger's own rules for premiums, forks, merges, week and quarter\n")
                .append("closes) on synthetic weekly premiums. Amounts are exact, in the portfolio's currency.\n\n");
        appendInputs(md, result);
        appendSummary(md, result);
        appendYears(md, result);
        md.append("## Charts\n\n")
                .append("![Portfolio value](")
                .append(ProjectionCharts.PORTFOLIO_VALUE_PNG)
                .append(")\n\n")
                .append("![Open accounts and fork groups](")
                .append(ProjectionCharts.ACCOUNTS_PNG)
                .append(")\n\n")
                .append("Week by week: `")
                .append(WEEKLY_CSV)
                .append("`; per year: `")
                .append(YEARLY_CSV)
                .append("`; forks: `")
                .append(FORKS_CSV)
                .append("`; merges: `")
                .append(MERGES_CSV)
                .append("`.\n\n");
        appendForkLog(md, result);
        appendMergeLog(md, result);
        return md.toString();
    }

    private static String horizon(ProjectionInputs inputs) {
        int weeks = inputs.weeks();
        if (weeks % ProjectionInputs.WEEKS_PER_YEAR == 0) {
            int years = weeks / ProjectionInputs.WEEKS_PER_YEAR;
            return years + (years == 1 ? " year" : " years") + " (" + weeks + " weeks)";
        }
        return weeks + (weeks == 1 ? " week" : " weeks");
    }

    private static void appendInputs(StringBuilder md, ProjectionResult result) {
        ProjectionInputs inputs = result.inputs();
        ProjectionResult.Week opening = result.opening();
        md.append("## Inputs\n\n| input | value |\n|---|---|\n")
                .append("| capital | ")
                .append(toDecimalString(inputs.capitalCents()))
                .append(" |\n")
                .append("| template | ")
                .append(inputs.template())
                .append(": Gen ")
                .append(toDecimalString(opening.generationCents()))
                .append(", Rev ")
                .append(toDecimalString(opening.revenueCents()))
                .append(", Com ")
                .append(toDecimalString(opening.compoundingCents()))
                .append(" |\n")
                .append("| horizon | ")
                .append(horizon(inputs))
                .append(", a week close each week, a quarter close every ")
                .append(ProjectionSimulator.WEEKS_PER_QUARTER)
                .append(" weeks |\n")
                .append("| fork threshold | ")
                .append(toDecimalString(inputs.forkThresholdCents()))
                .append(" |\n")
                .append("| merge threshold | ")
                .append(toDecimalString(inputs.mergeThresholdCents()))
                .append(" |\n")
                .append("| weekly premium | ")
                .append(percent(ProjectionPremium.DEPLOYED_SHARE_BPS))
                .append(" of the balance x the type's target weekly return (Gen ")
                .append(percent(AccountType.GENERATION.targetWeeklyReturnBps()))
                .append(", Rev ")
                .append(percent(AccountType.REVENUE.targetWeeklyReturnBps()))
                .append(", Com ")
                .append(percent(AccountType.COMPOUNDING.targetWeeklyReturnBps()))
                .append("), half-up to the cent; no losses, commissions, deposits or withdrawals |\n\n");
    }

    private static void appendSummary(StringBuilder md, ProjectionResult result) {
        ProjectionResult.Week last = result.last();
        md.append("## Summary\n\n| | |\n|---|---|\n")
                .append("| opening value | ")
                .append(toDecimalString(result.opening().totalValueCents()))
                .append(" |\n")
                .append("| final value | ")
                .append(toDecimalString(last.totalValueCents()))
                .append(" |\n")
                .append("| income (all premiums) | ")
                .append(toDecimalString(result.totalIncomeCents()))
                .append(" |\n")
                .append("| forks | ")
                .append(last.forksToDate())
                .append(" |\n")
                .append("| merges | ")
                .append(last.mergesToDate())
                .append(" |\n")
                .append("| open fork groups at the end | ")
                .append(last.openForkGroups())
                .append(" |\n")
                .append("| open accounts at the end | ")
                .append(last.openAccounts())
                .append(" |\n\n");
    }

    private static void appendYears(StringBuilder md, ProjectionResult result) {
        md.append("## Per year\n\n")
                .append(
                        "| year | weeks | total value (year end) | income | open fork groups (year end) | forks | merges | open accounts (year end) |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (ProjectionResult.Year year : result.years()) {
            md.append("| ")
                    .append(year.year())
                    .append(" | ")
                    .append(year.firstWeek())
                    .append('-')
                    .append(year.lastWeek())
                    .append(" | ")
                    .append(toDecimalString(year.endValueCents()))
                    .append(" | ")
                    .append(toDecimalString(year.incomeCents()))
                    .append(" | ")
                    .append(year.openForkGroupsAtEnd())
                    .append(" | ")
                    .append(year.forks())
                    .append(" | ")
                    .append(year.merges())
                    .append(" | ")
                    .append(year.openAccountsAtEnd())
                    .append(" |\n");
        }
        ProjectionResult.Week last = result.last();
        md.append("| **total** | 1-")
                .append(last.week())
                .append(" | **")
                .append(toDecimalString(last.totalValueCents()))
                .append("** | **")
                .append(toDecimalString(result.totalIncomeCents()))
                .append("** | ")
                .append(last.openForkGroups())
                .append(" | **")
                .append(last.forksToDate())
                .append("** | **")
                .append(last.mergesToDate())
                .append("** | ")
                .append(last.openAccounts())
                .append(" |\n\n");
    }

    private static void appendForkLog(StringBuilder md, ProjectionResult result) {
        md.append("## Fork log\n\n");
        if (result.forks().isEmpty()) {
            md.append("No fork.\n\n");
            return;
        }
        md.append("| week | fork | parent | surplus | Gen child | Com child |\n|---:|---|---|---:|---:|---:|\n");
        for (ProjectionResult.Fork fork : result.forks()) {
            md.append("| ")
                    .append(fork.week())
                    .append(" | ")
                    .append(fork.forkId())
                    .append(" | ")
                    .append(fork.parentAccountId())
                    .append(" | ")
                    .append(toDecimalString(fork.surplusCents()))
                    .append(" | ")
                    .append(toDecimalString(fork.generationCents()))
                    .append(" | ")
                    .append(toDecimalString(fork.compoundingCents()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void appendMergeLog(StringBuilder md, ProjectionResult result) {
        md.append("## Merge log\n\n");
        if (result.merges().isEmpty()) {
            md.append("No merge: no fork group reached the merge threshold of ")
                    .append(toDecimalString(result.inputs().mergeThresholdCents()))
                    .append(".\n");
            return;
        }
        md.append("| week | merge | fork group | into | amount |\n|---:|---|---|---|---:|\n");
        for (ProjectionResult.Merge merge : result.merges()) {
            md.append("| ")
                    .append(merge.week())
                    .append(" | ")
                    .append(merge.mergeId())
                    .append(" | ")
                    .append(merge.forkId())
                    .append(" | ")
                    .append(merge.targetAccountId())
                    .append(" | ")
                    .append(toDecimalString(merge.amountCents()))
                    .append(" |\n");
        }
    }

    /** Basis points as a percentage, e.g. 150 -> 1.5%, 9500 -> 95%. */
    private static String percent(int bps) {
        return BigDecimal.valueOf(bps, 2).stripTrailingZeros().toPlainString() + "%";
    }
}
