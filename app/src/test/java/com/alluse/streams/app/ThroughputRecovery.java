package com.alluse.streams.app;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How long results took to come back after a fault, from the arrival times of results: the first result for a
 * command written after the fault, and the moment a one-second window held the pre-fault rate again.
 *
 * @param baselinePerSecond results per second in the window before the fault
 * @param firstNewResult    fault to the first result of a command written after it
 * @param rateRecovered     fault to the end of the first one-second window (starting at or after the first new
 *                          result) with at least {@link #RECOVERED_SHARE} of the baseline; empty if none came
 *                          before the end of the observation
 */
record ThroughputRecovery(
        double baselinePerSecond, Optional<Duration> firstNewResult, Optional<Duration> rateRecovered) {

    /** A rate this close to the baseline counts as recovered: the open-loop load's rate varies a little. */
    static final double RECOVERED_SHARE = 0.9;

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** One result as the follower saw it. */
    record Arrival(long nanos, int commandPartition, long commandOffset) {}

    /**
     * @param arrivals      every result seen, in arrival order
     * @param faultNanos    when the fault happened ({@link System#nanoTime()})
     * @param offsetsAtFault per command partition, the offset the first command written after the fault has at least
     * @param baseline      the window before the fault the baseline rate is measured over
     * @param untilNanos    end of the observation (the next fault, or the end of the load)
     */
    static ThroughputRecovery of(
            List<Arrival> arrivals, long faultNanos, long[] offsetsAtFault, Duration baseline, long untilNanos) {
        long baselineStart = faultNanos - baseline.toNanos();
        long before = arrivals.stream()
                .filter(a -> a.nanos() >= baselineStart && a.nanos() < faultNanos)
                .count();
        double baselinePerSecond = before / (baseline.toNanos() / (double) TimeUnit.SECONDS.toNanos(1));
        Optional<Long> first = arrivals.stream()
                .filter(a -> a.nanos() >= faultNanos && a.nanos() < untilNanos)
                .filter(a -> a.commandOffset() >= offsetsAtFault[a.commandPartition()])
                .map(Arrival::nanos)
                .findFirst();
        Optional<Duration> recovered = first.flatMap(
                        start -> rateRecovered(arrivals, start, untilNanos, baselinePerSecond * RECOVERED_SHARE))
                .map(end -> Duration.ofNanos(end - faultNanos));
        return new ThroughputRecovery(
                baselinePerSecond, first.map(nanos -> Duration.ofNanos(nanos - faultNanos)), recovered);
    }

    /** The end of the first one-second window from {@code fromNanos} on with at least {@code perSecond} results. */
    private static Optional<Long> rateRecovered(
            List<Arrival> arrivals, long fromNanos, long untilNanos, double perSecond) {
        for (long start = fromNanos; start + WINDOW_NANOS <= untilNanos; start += STEP_NANOS) {
            long windowStart = start;
            long inWindow = arrivals.stream()
                    .filter(a -> a.nanos() >= windowStart && a.nanos() < windowStart + WINDOW_NANOS)
                    .count();
            if (inWindow >= perSecond) {
                return Optional.of(start + WINDOW_NANOS);
            }
        }
        return Optional.empty();
    }

    /** "first new result after N ms, rate back (M/s) after N ms", or "not within the observation". */
    String describe() {
        return String.format(
                "first new result after %s, rate back to %.0f results/s after %s",
                firstNewResult.map(d -> d.toMillis() + " ms").orElse("(none)"),
                baselinePerSecond,
                rateRecovered.map(d -> d.toMillis() + " ms").orElse("(not within the observation)"));
    }
}
