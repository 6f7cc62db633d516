package com.alluse.streams.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole benchmark with tiny counts, every group and code path once: fails on errors or lost
 * commands only, never on speed (the figures of a CI machine mean nothing).
 */
class LoadTestSmokeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void everyCommandGetsExactlyOneResultAndTheReportIsWritten() throws Exception {
        Path results = dir.resolve("results");
        RunReport report = BenchmarkRun.run(LoadTestOptions.smoke(results, dir.resolve("work")));

        assertThat(report.errors()).as("errors of the run").isEmpty();
        assertThat(report.scenarios()).isNotEmpty().allSatisfy(scenario -> {
            for (PhaseResult phase : new PhaseResult[] {scenario.opens(), scenario.measured()}) {
                assertThat(phase.commandsSent()).as("%s sent", phase.name()).isPositive();
                assertThat(phase.results()).as("%s results", phase.name()).isEqualTo(phase.commandsSent());
                assertThat(phase.errorCount()).as("%s errors", phase.name()).isZero();
            }
            assertThat(scenario.deadLetters())
                    .as("%s dead letters", scenario.name())
                    .isZero();
        });
        assertThat(report.scenarios()).anySatisfy(s -> assertThat(s.kind()).isEqualTo("physical-limit"));
        assertThat(report.scenarios())
                .filteredOn(s -> s.kind().equals("pipeline"))
                .allSatisfy(s -> assertThat(s.forks()).as("%s forks", s.name()).isPositive());
        assertThat(report.query()).isNotNull();
        assertThat(report.query().requests()).isPositive();
        assertThat(report.openLoopQueries()).singleElement().satisfies(open -> {
            assertThat(open.targetRatePerSecond()).isEqualTo(200.0);
            assertThat(open.requests()).isPositive();
            assertThat(open.statusCounts()).containsOnlyKeys(200);
        });
        assertThat(report.scale()).isNotNull();
        assertThat(report.scale().steps()).extracting(ScaleStep::label).contains("load", "after-restore");
        for (String file : new String[] {
            ReportWriter.JSON,
            ReportWriter.MARKDOWN,
            "throughput.png",
            "latency.png",
            "memory.png",
            "lag.png",
            "scale.png"
        }) {
            assertThat(results.resolve(file)).as(file).exists();
            assertThat(Files.size(results.resolve(file))).as(file).isPositive();
        }
        assertThat(dir.resolve("work")).as("work directory removed").doesNotExist();
    }
}
