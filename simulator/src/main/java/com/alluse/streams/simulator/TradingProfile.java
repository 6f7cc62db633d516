package com.alluse.streams.simulator;

/**
 * How the simulated strategy engine trades, in integer units.
 *
 * @param premiumNoiseBps a week's premium is the target return of the deployable capital times a factor drawn
 *     uniformly within 1 +- this (in basis points of the target)
 * @param lossPercent chance that an account's trade of the week is a trading loss instead of a premium
 * @param assignmentPercent chance that it is an assignment loss instead
 * @param maxLossBps a loss takes up to this share of the deployable capital (at least 1 bps of it)
 * @param contractNotionalCents the capital one contract ties up: quantity = deployable / this, at least 1
 * @param commissionPerContractCents the broker's fee per contract and week
 * @param commissionIntervalWeeks the broker bills an account's fees every this many weeks (each account in its
 *     own week of the cycle), as one commission report for the whole interval
 */
public record TradingProfile(
        int premiumNoiseBps,
        int lossPercent,
        int assignmentPercent,
        int maxLossBps,
        long contractNotionalCents,
        long commissionPerContractCents,
        int commissionIntervalWeeks) {

    /**
     * Noisy premiums around the target, a loss about one week in fifteen, an assignment one in thirty-three, fees
     * billed every four weeks.
     */
    public static final TradingProfile DEFAULT = new TradingProfile(5_000, 7, 3, 300, 1_000_000L, 65L, 4);

    public TradingProfile {
        requireWithin("premiumNoiseBps", premiumNoiseBps, 0, 10_000);
        requireWithin("lossPercent", lossPercent, 0, 100);
        requireWithin("assignmentPercent", assignmentPercent, 0, 100 - lossPercent);
        requireWithin("maxLossBps", maxLossBps, 1, 10_000);
        requireWithin("contractNotionalCents", contractNotionalCents, 1, Long.MAX_VALUE);
        requireWithin("commissionPerContractCents", commissionPerContractCents, 1, 1_000_000L);
        requireWithin("commissionIntervalWeeks", commissionIntervalWeeks, 1, 52);
    }

    private static void requireWithin(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + value);
        }
    }
}
