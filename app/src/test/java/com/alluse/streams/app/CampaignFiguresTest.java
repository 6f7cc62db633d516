package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.app.CampaignFigures.Outcome;
import com.alluse.streams.app.CampaignFigures.Recovery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CampaignFiguresTest {
    private final CampaignFigures figures = new CampaignFigures(alert -> Duration.ofSeconds(4));

    private static Outcome outcome(String scenario, Map<String, Duration> detections, Optional<Duration> recovery) {
        return new Outcome(
                scenario,
                1,
                List.of("A", "B"),
                detections,
                new TreeSet<>(detections.keySet()),
                Recovery.AUTOMATIC,
                recovery);
    }

    @Test
    void shouldCountAnInjectionAsDetectedOnlyWhenEveryExpectedAlertFired() {
        Outcome both = outcome("s", Map.of("A", Duration.ofSeconds(1), "B", Duration.ofSeconds(5)), Optional.empty());
        Outcome one = outcome("s", Map.of("A", Duration.ofSeconds(1)), Optional.empty());

        assertThat(both.detected()).isTrue();
        assertThat(both.withinBound(alert -> Duration.ofSeconds(4)))
                .as("B after its bound")
                .isFalse();
        assertThat(one.detected()).isFalse();
    }

    @Test
    void shouldReportFalseNegativesFalsePositivesAndMeanAutomaticRecovery() {
        figures.add(outcome(
                "crash",
                Map.of("A", Duration.ofSeconds(1), "B", Duration.ofSeconds(2)),
                Optional.of(Duration.ofSeconds(1))));
        figures.add(outcome("crash", Map.of("A", Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(3))));
        figures.healthyWindow(Set.of());
        figures.healthyWindow(Set.of("A"));

        String report = figures.report();

        assertThat(figures.falsePositives()).isEqualTo(1);
        assertThat(figures.alertsFiredByFaults()).containsExactly("A", "B");
        assertThat(report)
                .contains("| crash | 2 | 1 | 1 | 1 | automatic | 2 | 2.0 s |")
                .contains("Injections: 2; detected 1 (50%), within bound 1; false negatives 1 (50%).")
                .contains("Healthy periods: 2, with an alert firing (false positives): 1 (50%)")
                .contains("automatic 2 of 2 injections, recovered 2, mean 2.0 s.");
    }

    @Test
    void shouldAddWhatFiresAfterAnInjectionToItsAlertsFired() {
        figures.add(outcome("crash", Map.of("A", Duration.ofSeconds(1)), Optional.empty()));

        figures.lastFired().add("C");

        assertThat(figures.outcomes().get(0).fired()).containsExactly("A", "C");
    }
}
