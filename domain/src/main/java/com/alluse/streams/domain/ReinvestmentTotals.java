package com.alluse.streams.domain;

/** Net earnings not yet reinvested, and what reinvestment has allocated so far. */
public record ReinvestmentTotals(long earningsSinceCents, long contractsCents, long leapsCents) {
    public static final ReinvestmentTotals NONE = new ReinvestmentTotals(0, 0, 0);

    ReinvestmentTotals withEarnings(long signedAmountCents) {
        return new ReinvestmentTotals(Math.addExact(earningsSinceCents, signedAmountCents), contractsCents, leapsCents);
    }

    ReinvestmentTotals allocated(ReinvestmentSplit split) {
        return new ReinvestmentTotals(
                0,
                Math.addExact(contractsCents, split.contractsCents()),
                Math.addExact(leapsCents, split.leapsCents()));
    }
}
