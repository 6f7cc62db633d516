package com.alluse.streams.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a fault-injection campaign saw, and its figures against the monitoring plan's criteria:
 * per injection (detection, alerts fired, recovery) and per scenario (detected, false negatives,
 * recovered, mean recovery time), plus the healthy periods in which an alert fired (false
 * positives). Detection bounds come from the caller ({@code for:} plus scrape and evaluations).
 */
final class CampaignFigures {
    /** How an injected fault ends. */
    enum Recovery {
        /** The app heals by itself: no restart, nobody acts. */
        AUTOMATIC("automatic"),
        /** The orchestrator restarts the process (Kubernetes, compose's restart policy): played by the test. */
        RESTART("restart by the orchestrator");

        private final String text;

        Recovery(String text) {
            this.text = text;
        }
    }

    /**
     * One injected fault.
     *
     * @param detections time from the injection to each expected alert firing (absent: not fired)
     * @param fired every alert that fired from the injection until the instance was back
     * @param recoveryTime from the fault's end (the injection for a one-off record, the outage's
     *     end, the restart) until the instance was ready and a new command's result was read
     */
    record Outcome(
            String scenario,
            int round,
            List<String> expected,
            Map<String, Duration> detections,
            Set<String> fired,
            Recovery recovery,
            Optional<Duration> recoveryTime) {
        boolean detected() {
            return detections.keySet().containsAll(expected);
        }

        boolean withinBound(Function<String, Duration> bound) {
            return detected()
                    && expected.stream().allMatch(a -> detections.get(a).compareTo(bound.apply(a)) <= 0);
        }
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<Set<String>> healthyWindows = new ArrayList<>();
    private final Function<String, Duration> detectionBound;

    CampaignFigures(Function<String, Duration> detectionBound) {
        this.detectionBound = detectionBound;
    }

    void add(Outcome outcome) {
        outcomes.add(outcome);
    }

    void healthyWindow(Set<String> firedInIt) {
        healthyWindows.add(Set.copyOf(firedInIt));
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** The alerts that fired in the last outcome (to be awaited resolved), empty before the first. */
    Set<String> lastFired() {
        return outcomes.isEmpty() ? Set.of() : outcomes.get(outcomes.size() - 1).fired();
    }

    /** Healthy periods in which some alert fired. */
    long falsePositives() {
        return healthyWindows.stream().filter(w -> !w.isEmpty()).count();
    }

    int healthyWindowCount() {
        return healthyWindows.size();
    }

    /** Every alert some injection expected and saw fire. */
    Set<String> alertsFiredByFaults() {
        Set<String> fired = new TreeSet<>();
        outcomes.forEach(o -> fired.addAll(o.detections().keySet()));
        return fired;
    }

    String report() {
        StringBuilder text = new StringBuilder()
                .append(
                        "| scenario | round | expected alert(s) | detected after | bound (for: + 2 evaluations + 1 scrape)"
                                + " | alerts fired | recovery | recovered after |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            List<String> detections = new ArrayList<>();
            List<String> bounds = new ArrayList<>();
            for (String alert : o.expected()) {
                Duration bound = detectionBound.apply(alert);
                Duration detection = o.detections().get(alert);
                detections.add(detection == null ? "NOT DETECTED" : seconds(detection));
                bounds.add(seconds(bound)
                        + (detection != null && detection.compareTo(bound) <= 0 ? " (met)" : " (missed)"));
            }
            text.append("| ")
                    .append(o.scenario())
                    .append(" | ")
                    .append(o.round())
                    .append(" | ")
                    .append(String.join(", ", o.expected()))
                    .append(" | ")
                    .append(String.join(", ", detections))
                    .append(" | ")
                    .append(String.join(", ", bounds))
                    .append(" | ")
                    .append(String.join(", ", o.fired()))
                    .append(" | ")
                    .append(o.recovery().text)
                    .append(" | ")
                    .append(o.recoveryTime().map(CampaignFigures::seconds).orElse("NOT RECOVERED"))
                    .append(" |\n");
        }
        text.append('\n').append(summary()).append('\n').append(totals());
        return text.toString();
    }

    private String summary() {
        Map<String, List<Outcome>> byScenario = new LinkedHashMap<>();
        outcomes.forEach(o ->
                byScenario.computeIfAbsent(o.scenario(), s -> new ArrayList<>()).add(o));
        StringBuilder text = new StringBuilder()
                .append("| scenario | injected | detected | within bound | false negatives | recovery | recovered"
                        + " | mean recovery |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        byScenario.forEach((scenario, list) -> {
            long detected = list.stream().filter(Outcome::detected).count();
            long withinBound =
                    list.stream().filter(o -> o.withinBound(detectionBound)).count();
            List<Duration> recoveries =
                    list.stream().flatMap(o -> o.recoveryTime().stream()).toList();
            text.append("| ")
                    .append(scenario)
                    .append(" | ")
                    .append(list.size())
                    .append(" | ")
                    .append(detected)
                    .append(" | ")
                    .append(withinBound)
                    .append(" | ")
                    .append(list.size() - detected)
                    .append(" | ")
                    .append(list.get(0).recovery().text)
                    .append(" | ")
                    .append(recoveries.size())
                    .append(" | ")
                    .append(recoveries.isEmpty() ? "-" : seconds(mean(recoveries)))
                    .append(" |\n");
        });
        return text.toString();
    }

    private String totals() {
        long detected = outcomes.stream().filter(Outcome::detected).count();
        long withinBound =
                outcomes.stream().filter(o -> o.withinBound(detectionBound)).count();
        List<Outcome> automatic = outcomes.stream()
                .filter(o -> o.recovery() == Recovery.AUTOMATIC)
                .toList();
        List<Duration> automaticTimes =
                automatic.stream().flatMap(o -> o.recoveryTime().stream()).toList();
        long recovered =
                outcomes.stream().filter(o -> o.recoveryTime().isPresent()).count();
        return String.format(
                Locale.ROOT,
                "Injections: %d; detected %d (%s), within bound %d; false negatives %d (%s).%n"
                        + "Healthy periods: %d, with an alert firing (false positives): %d (%s) %s.%n"
                        + "Recovered: %d of %d (%s); automatic %d of %d injections, recovered %d, mean %s.%n",
                outcomes.size(),
                detected,
                percent(detected, outcomes.size()),
                withinBound,
                outcomes.size() - detected,
                percent(outcomes.size() - detected, outcomes.size()),
                healthyWindows.size(),
                falsePositives(),
                percent(falsePositives(), healthyWindows.size()),
                healthyWindows,
                recovered,
                outcomes.size(),
                percent(recovered, outcomes.size()),
                automatic.size(),
                outcomes.size(),
                automaticTimes.size(),
                automaticTimes.isEmpty() ? "-" : seconds(mean(automaticTimes)));
    }

    private static Duration mean(List<Duration> durations) {
        return Duration.ofNanos(
                (long) durations.stream().mapToLong(Duration::toNanos).average().orElse(0));
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
