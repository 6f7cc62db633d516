package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.projection.ProjectionCharts;
import com.alluse.streams.projection.ProjectionReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code alluse project} end to end, through the real command line. */
class ProjectionCliTest {
    @TempDir
    Path output;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void projectWritesTheReportTheCsvsAndTwoChartsAndPrintsASummary() throws IOException {
        int exitCode = execute("project", "--capital", "300000", "--weeks", "30", "--output", output.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(output.resolve(ProjectionReport.MARKDOWN_FILE))
                .content()
                .contains("| 25 | projection:F1 | projection:GEN |");
        for (String file : new String[] {
            ProjectionReport.WEEKLY_CSV,
            ProjectionReport.YEARLY_CSV,
            ProjectionReport.FORKS_CSV,
            ProjectionReport.MERGES_CSV
        }) {
            assertThat(output.resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(output.resolve(ProjectionReport.WEEKLY_CSV)))
                .hasSize(1 + 31);
        assertIsAChartPng(output.resolve(ProjectionCharts.PORTFOLIO_VALUE_PNG));
        assertIsAChartPng(output.resolve(ProjectionCharts.ACCOUNTS_PNG));
        assertThat(out.toString())
                .contains("Projected 300000.00 MODERATE over 30 weeks")
                .contains("1 forks, 0 merges")
                .contains(output.resolve(ProjectionReport.MARKDOWN_FILE).toString());
    }

    @Test
    void yearsAndWeeksTogetherAreAUsageError() {
        assertThat(execute("project", "--years", "1", "--weeks", "52", "--output", output.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void aMergeThresholdNotAboveTheForkThresholdIsAUsageError() {
        int exitCode = execute(
                "project",
                "--weeks",
                "1",
                "--fork-threshold",
                "50000",
                "--merge-threshold",
                "50000",
                "--output",
                output.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("merge > fork");
    }

    @Test
    void aCapitalWithFractionsOfACentOrAHorizonBeyondFiftyYearsIsAUsageError() {
        assertThat(execute("project", "--capital", "1000.001", "--output", output.toString()))
                .isEqualTo(2);
        assertThat(execute("project", "--years", "51", "--output", output.toString()))
                .isEqualTo(2);
        assertThat(execute("project", "--weeks", "2601", "--output", output.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "not an exact amount in cents", "--years must be within 1..50", "weeks must be within 1..2600");
    }

    private int execute(String... args) {
        CommandLine cli = AllUseCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static void assertIsAChartPng(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as(png.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ProjectionCharts.WIDTH_PX);
        assertThat(image.getHeight()).isEqualTo(ProjectionCharts.HEIGHT_PX);
    }
}
