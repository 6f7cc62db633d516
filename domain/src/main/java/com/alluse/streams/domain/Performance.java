package com.alluse.streams.domain;

import java.math.BigInteger;

/**
 * Week-close bookkeeping: the time-weighted performance index (fixed point, 1.0 = 10^9) and its
 * high-water mark, with the current week's start balance and net earnings.
 */
public record Performance(
        long weekStartBalanceCents,
        long weekNetEarningsCents,
        long indexNanos,
        long highWaterMarkNanos,
        boolean drawdownBreached) {

    public static final long ONE_NANOS = 1_000_000_000L;

    public static Performance startingAt(long balanceCents) {
        return new Performance(balanceCents, 0, ONE_NANOS, ONE_NANOS, false);
    }

    Performance withEarnings(long signedAmountCents) {
        return new Performance(
                weekStartBalanceCents,
                Math.addExact(weekNetEarningsCents, signedAmountCents),
                indexNanos,
                highWaterMarkNanos,
                drawdownBreached);
    }

    /** Drawdown 1 - I/H in whole basis points, rounded down. */
    public int drawdownBps() {
        if (highWaterMarkNanos <= 0) {
            return 0;
        }
        long gap = Math.max(0, highWaterMarkNanos - indexNanos);
        return (int) (Math.multiplyExact(gap, (long) Money.BPS_PER_WHOLE) / highWaterMarkNanos);
    }

    /** Exact test of drawdown > max: (H - I) * 10,000 > max * H, no rounding. */
    public boolean drawdownExceeds(int maxDrawdownBps) {
        long gap = Math.max(0, highWaterMarkNanos - indexNanos);
        return Math.multiplyExact(gap, (long) Money.BPS_PER_WHOLE)
                > Math.multiplyExact((long) maxDrawdownBps, highWaterMarkNanos);
    }

    /**
     * Closes the week: I becomes I x (start + net) / start, half-up at 10^-9, floored at zero; an
     * account that started the week at zero balance has no return.
     */
    Performance closeWeek(long endBalanceCents, int maxDrawdownBps) {
        long index = indexNanos;
        if (weekStartBalanceCents > 0) {
            long grown = Math.addExact(weekStartBalanceCents, weekNetEarningsCents);
            index = grown <= 0 ? 0 : scaleHalfUp(indexNanos, grown, weekStartBalanceCents);
        }
        long highWaterMark = Math.max(highWaterMarkNanos, index);
        Performance closed = new Performance(endBalanceCents, 0, index, highWaterMark, false);
        return closed.drawdownExceeds(maxDrawdownBps)
                ? new Performance(endBalanceCents, 0, index, highWaterMark, true)
                : closed;
    }

    /**
     * {@code value * numerator / denominator} for positive operands, half-up. The product is
     * exact in 128 bits: I x balance outgrows a long after years of compounding on a large balance
     * (an index of 500 on 200,000.00 already does), while the result stays a small index.
     */
    private static long scaleHalfUp(long value, long numerator, long denominator) {
        BigInteger[] quotientAndRemainder = BigInteger.valueOf(value)
                .multiply(BigInteger.valueOf(numerator))
                .divideAndRemainder(BigInteger.valueOf(denominator));
        BigInteger quotient = quotientAndRemainder[0];
        if (quotientAndRemainder[1].shiftLeft(1).compareTo(BigInteger.valueOf(denominator)) >= 0) {
            quotient = quotient.add(BigInteger.ONE);
        }
        return quotient.longValueExact();
    }
}
