package com.alluse.streams.cli;

import com.alluse.streams.domain.Money;
import com.alluse.streams.domain.Template;
import com.alluse.streams.projection.ProjectionCharts;
import com.alluse.streams.projection.ProjectionInputs;
import com.alluse.streams.projection.ProjectionReport;
import com.alluse.streams.projection.ProjectionResult;
import com.alluse.streams.projection.ProjectionSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code alluse project}: a multi-year projection computed by the production domain rules, as a report with charts. */
@Command(
        name = "project",
        mixinStandardHelpOptions = true,
        description = {
            "Project a portfolio week by week on the production domain rules (in-process, no broker): every open account"
                    + " earns 95%% of its balance x its type's target weekly return, the ledger forks and merges by its own rules.",
            "Writes report.md, weekly.csv, yearly.csv, forks.csv, merges.csv, portfolio-value.png and accounts.png."
        })
public final class ProjectCommand implements Callable<Integer> {
    static final int MAX_YEARS = ProjectionInputs.MAX_WEEKS / ProjectionInputs.WEEKS_PER_YEAR;
    private static final int DEFAULT_YEARS = 10;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--capital",
            defaultValue = "300000.00",
            description = "Opening capital, a decimal (default: ${DEFAULT-VALUE}).")
    String capital;

    @ArgGroup(exclusive = true)
    Horizon horizon;

    @Option(
            names = "--template",
            defaultValue = "MODERATE",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Template template;

    @Option(
            names = "--output",
            defaultValue = "projection-report",
            description = "Directory the report is written to (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(
            names = "--fork-threshold",
            defaultValue = "50000.00",
            description = "Gen-Acc surplus that forks (default: ${DEFAULT-VALUE}).")
    String forkThreshold;

    @Option(
            names = "--merge-threshold",
            defaultValue = "500000.00",
            description = "Fork group balance that merges (default: ${DEFAULT-VALUE}).")
    String mergeThreshold;

    /** Either years or weeks; neither means ten years. */
    static final class Horizon {
        @Option(
                names = "--years",
                description = "Years of 52 weeks, 1.." + MAX_YEARS + " (default: " + DEFAULT_YEARS + ").")
        Integer years;

        @Option(names = "--weeks", description = "Weeks, 1.." + ProjectionInputs.MAX_WEEKS + ", instead of --years.")
        Integer weeks;
    }

    @Override
    public Integer call() throws IOException {
        ProjectionInputs inputs = inputs();
        PrintWriter out = spec.commandLine().getOut();
        long startNanos = System.nanoTime();
        ProjectionResult result;
        try {
            result = new ProjectionSimulator().run(inputs);
        } catch (IllegalStateException stopped) {
            spec.commandLine().getErr().println("Projection stopped: " + stopped.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ProjectionReport.write(result, output);
        ProjectionCharts.write(result, output);
        printSummary(out, result, seconds);
        return 0;
    }

    private ProjectionInputs inputs() {
        try {
            return new ProjectionInputs(
                    Money.parseDecimal(capital),
                    template,
                    weeks(),
                    Money.parseDecimal(forkThreshold),
                    Money.parseDecimal(mergeThreshold));
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.ParameterException(spec.commandLine(), invalid.getMessage(), invalid);
        }
    }

    private int weeks() {
        if (horizon != null && horizon.weeks != null) {
            return horizon.weeks;
        }
        int years = horizon == null ? DEFAULT_YEARS : horizon.years;
        if (years < 1 || years > MAX_YEARS) {
            throw new IllegalArgumentException("--years must be within 1.." + MAX_YEARS + ", got " + years);
        }
        return years * ProjectionInputs.WEEKS_PER_YEAR;
    }

    private void printSummary(PrintWriter out, ProjectionResult result, double seconds) {
        ProjectionResult.Week last = result.last();
        out.printf(
                Locale.ROOT,
                "Projected %s %s over %d weeks on the production domain rules in %.1f s.%n",
                Money.toDecimalString(result.inputs().capitalCents()),
                result.inputs().template(),
                last.week(),
                seconds);
        out.printf(
                Locale.ROOT,
                "Final value %s (income %s); %d forks, %d merges; %d open accounts, %d open fork groups.%n",
                Money.toDecimalString(last.totalValueCents()),
                Money.toDecimalString(result.totalIncomeCents()),
                last.forksToDate(),
                last.mergesToDate(),
                last.openAccounts(),
                last.openForkGroups());
        out.printf(
                Locale.ROOT,
                "Report: %s (with %s, %s, %s, %s, %s, %s)%n",
                output.resolve(ProjectionReport.MARKDOWN_FILE),
                ProjectionReport.WEEKLY_CSV,
                ProjectionReport.YEARLY_CSV,
                ProjectionReport.FORKS_CSV,
                ProjectionReport.MERGES_CSV,
                ProjectionCharts.PORTFOLIO_VALUE_PNG,
                ProjectionCharts.ACCOUNTS_PNG);
        out.flush();
    }
}
