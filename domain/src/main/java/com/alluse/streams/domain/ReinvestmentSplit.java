package com.alluse.streams.domain;

/** A quarterly reinvestment: contracts half-up, LEAPS the exact remainder. */
public record ReinvestmentSplit(long contractsCents, long leapsCents) {
    public static ReinvestmentSplit of(long reinvestableCents, int contractsBps) {
        long contracts = Money.percentOfHalfUp(reinvestableCents, contractsBps);
        return new ReinvestmentSplit(contracts, reinvestableCents - contracts);
    }
}
