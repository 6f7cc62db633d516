package com.alluse.streams.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The broker snapshots the simulated broker reports wrong on purpose: each on a main account (never closed, so
 * it always has a snapshot) in a week after the first, once per account and week, off by more than any
 * tolerance a test uses (1.01 to 1,000.00 either way). The snapshot of the next week is right again.
 */
public final class DiscrepancyPlan {
    /** The smallest error: above the default tolerance of 1.00. */
    public static final long MIN_DIFFERENCE_CENTS = 101;

    public static final long MAX_DIFFERENCE_CENTS = 100_000;
    private static final String[] MAIN_SUFFIXES = {":GEN", ":REV", ":COM"};

    /** One wrong snapshot: the account's week-{@code week} snapshot is off by {@code differenceCents}. */
    public record Discrepancy(int week, String accountId, long differenceCents) {}

    private final Map<String, Discrepancy> bySnapshot;

    private DiscrepancyPlan(Map<String, Discrepancy> bySnapshot) {
        this.bySnapshot = bySnapshot;
    }

    /** How many distinct (week, main account) pairs there are to choose from. */
    public static int capacity(int weeks, int portfolios) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.max(0, weeks - 1) * portfolios * MAIN_SUFFIXES.length);
    }

    /** {@code count} discrepancies drawn from the seed over portfolios {@code SIM0..}, weeks 1..weeks-1. */
    public static DiscrepancyPlan draw(long seed, int count, int weeks, int portfolios) {
        if (count < 0 || count > capacity(weeks, portfolios)) {
            throw new IllegalArgumentException(
                    "count must be within 0.." + capacity(weeks, portfolios) + ", got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Set<String> taken = new HashSet<>();
        Map<String, Discrepancy> plan = new TreeMap<>();
        while (plan.size() < count) {
            int week = 1 + random.nextInt(weeks - 1);
            String accountId = PlatformSimulation.portfolioId(random.nextInt(portfolios))
                    + MAIN_SUFFIXES[random.nextInt(MAIN_SUFFIXES.length)];
            if (!taken.add(week + "/" + accountId)) {
                continue;
            }
            long magnitude = MIN_DIFFERENCE_CENTS + random.nextLong(MAX_DIFFERENCE_CENTS - MIN_DIFFERENCE_CENTS + 1);
            Discrepancy discrepancy = new Discrepancy(week, accountId, random.nextBoolean() ? magnitude : -magnitude);
            plan.put(SimulatedBroker.snapshotId(week, accountId), discrepancy);
        }
        return new DiscrepancyPlan(plan);
    }

    public Optional<Discrepancy> of(int week, String accountId) {
        return Optional.ofNullable(bySnapshot.get(SimulatedBroker.snapshotId(week, accountId)));
    }

    /** Snapshot id -> discrepancy, in snapshot id order. */
    public Map<String, Discrepancy> bySnapshotId() {
        return java.util.Collections.unmodifiableMap(bySnapshot);
    }

    public List<Discrepancy> all() {
        return new ArrayList<>(bySnapshot.values());
    }
}
