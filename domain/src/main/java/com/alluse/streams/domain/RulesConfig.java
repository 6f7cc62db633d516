package com.alluse.streams.domain;

/**
 * The deployment's rule parameters. Defaults are docs/rules.md's: fork at a $50,000 surplus, merge a
 * group at $500,000, 5% cash buffer (adjustable 0..20%), reinvest quarterly from $10,000, 75% to
 * contracts.
 */
public record RulesConfig(
        long forkThresholdCents,
        long mergeThresholdCents,
        int defaultCashBufferBps,
        int maxCashBufferBps,
        long reinvestMinimumCents,
        int reinvestContractsBps) {

    public static final RulesConfig DEFAULTS = new RulesConfig(5_000_000L, 50_000_000L, 500, 2_000, 1_000_000L, 7_500);

    public RulesConfig {
        requireThresholds(forkThresholdCents, mergeThresholdCents);
        requireBps("defaultCashBufferBps", defaultCashBufferBps);
        requireBps("maxCashBufferBps", maxCashBufferBps);
        requireBps("reinvestContractsBps", reinvestContractsBps);
        if (defaultCashBufferBps > maxCashBufferBps) {
            throw new IllegalArgumentException("defaultCashBufferBps must not exceed maxCashBufferBps");
        }
        if (reinvestMinimumCents <= 0) {
            throw new IllegalArgumentException("reinvestMinimumCents must be positive");
        }
    }

    /** True when a fork/merge threshold pair is usable: both valid amounts, merge above fork. */
    public static boolean areValidThresholds(long forkThresholdCents, long mergeThresholdCents) {
        return Money.isValidCommandAmount(forkThresholdCents)
                && Money.isValidCommandAmount(mergeThresholdCents)
                && mergeThresholdCents > forkThresholdCents;
    }

    private static void requireThresholds(long fork, long merge) {
        if (!areValidThresholds(fork, merge)) {
            throw new IllegalArgumentException(
                    "thresholds must be positive amounts with merge > fork, got fork=" + fork + " merge=" + merge);
        }
    }

    private static void requireBps(String name, int bps) {
        if (bps < 0 || bps > Money.BPS_PER_WHOLE) {
            throw new IllegalArgumentException(name + " must be within 0..10000 bps, got " + bps);
        }
    }
}
