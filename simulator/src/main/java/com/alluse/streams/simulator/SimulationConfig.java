package com.alluse.streams.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What one simulation run does, with its limits.
 *
 * @param weeks simulated weeks, each: trades, snapshots, week close (and a quarter close at a quarter's last week)
 * @param portfolios portfolios opened in week 0, {@code SIM<n>}
 * @param seed everything random (capital, premiums, losses, redeliveries, discrepancies) comes from it
 * @param redeliveryPercent share of execution reports the broker delivers a second time
 * @param discrepancies broker snapshots the broker gets wrong on purpose, each on its own account and week
 * @param stepTimeout bound of every wait on the pipeline (results of one batch, reconciliation of the snapshots)
 * @param maxReportsPerStep bound of one batch of execution reports (the pipeline's answers are awaited per batch)
 */
public record SimulationConfig(
        int weeks,
        int portfolios,
        long seed,
        int redeliveryPercent,
        int discrepancies,
        Duration stepTimeout,
        int maxReportsPerStep) {

    /** The calendar's weeks but one: the week after the last settles its snapshots. */
    public static final int MAX_WEEKS = SimulatedCalendar.MAX_WEEKS - 1;

    public static final int MAX_PORTFOLIOS = 10_000;
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_REPORTS_PER_STEP = 200_000;

    public SimulationConfig {
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        requireWithin("weeks", weeks, 1, MAX_WEEKS);
        requireWithin("portfolios", portfolios, 1, MAX_PORTFOLIOS);
        requireWithin("redeliveryPercent", redeliveryPercent, 0, 100);
        // Every discrepancy needs a week after the first and a main account of its own that week.
        requireWithin("discrepancies", discrepancies, 0, DiscrepancyPlan.capacity(weeks, portfolios));
        requireWithin("maxReportsPerStep", maxReportsPerStep, 1, Integer.MAX_VALUE);
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("stepTimeout must be positive, got " + stepTimeout);
        }
    }

    /** The given sizes with the default timeout and batch bound. */
    public static SimulationConfig of(int weeks, int portfolios, long seed, int redeliveryPercent, int discrepancies) {
        return new SimulationConfig(
                weeks,
                portfolios,
                seed,
                redeliveryPercent,
                discrepancies,
                DEFAULT_STEP_TIMEOUT,
                DEFAULT_MAX_REPORTS_PER_STEP);
    }

    private static void requireWithin(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + value);
        }
    }
}
