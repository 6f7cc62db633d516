package com.alluse.streams.domain;

/**
 * How far a broker's total may differ from the ledger balance and still match (docs/rules.md
 * section 7): the larger of an absolute amount and a share of the ledger balance, so that a
 * deployment can allow, say, a dollar of rounding on small accounts and a basis point on large
 * ones. Either part may be 0; both 0 means only an exact match matches.
 *
 * @param absoluteCents the difference always allowed, in cents, at least 0
 * @param balanceBps the difference allowed per 10,000 of the absolute ledger balance, 0..10,000
 */
public record ReconciliationTolerance(long absoluteCents, int balanceBps) {
    public static final ReconciliationTolerance DEFAULT = new ReconciliationTolerance(100, 0);
    private static final int BPS_PER_WHOLE = 10_000;

    public ReconciliationTolerance {
        if (absoluteCents < 0) {
            throw new IllegalArgumentException("absoluteCents must be at least 0, got " + absoluteCents);
        }
        if (balanceBps < 0 || balanceBps > BPS_PER_WHOLE) {
            throw new IllegalArgumentException("balanceBps must be within 0.." + BPS_PER_WHOLE + ", got " + balanceBps);
        }
    }

    /** The difference allowed against this ledger balance: max(absolute, floor(|balance| x bps / 10,000)). */
    public long allowedCents(long ledgerBalanceCents) {
        long magnitude = ledgerBalanceCents == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(ledgerBalanceCents);
        // q x bps + r x bps / 10,000 with |balance| = 10,000q + r: floor without overflow.
        long share = magnitude / BPS_PER_WHOLE * balanceBps + magnitude % BPS_PER_WHOLE * balanceBps / BPS_PER_WHOLE;
        return Math.max(absoluteCents, share);
    }

    /** Whether {@code brokerTotalCents} matches {@code ledgerBalanceCents} within the tolerance. */
    public boolean matches(long brokerTotalCents, long ledgerBalanceCents) {
        long difference;
        try {
            difference = Math.abs(Math.subtractExact(brokerTotalCents, ledgerBalanceCents));
        } catch (ArithmeticException e) {
            return false; // beyond any representable tolerance
        }
        return difference <= allowedCents(ledgerBalanceCents);
    }
}
