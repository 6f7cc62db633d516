package com.alluse.streams.domain;

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
            index = Math.max(0, divideHalfUp(Math.multiplyExact(indexNanos, grown), weekStartBalanceCents));
        }
        long highWaterMark = Math.max(highWaterMarkNanos, index);
        Performance closed = new Performance(endBalanceCents, 0, index, highWaterMark, false);
        return closed.drawdownExceeds(maxDrawdownBps)
                ? new Performance(endBalanceCents, 0, index, highWaterMark, true)
                : closed;
    }

    private static long divideHalfUp(long numerator, long positiveDenominator) {
        long quotient = Math.floorDiv(numerator, positiveDenominator);
        long remainder = Math.floorMod(numerator, positiveDenominator);
        return remainder * 2 >= positiveDenominator ? quotient + 1 : quotient;
    }
}
