package com.alluse.streams.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact money arithmetic on integer cents and basis points; never floating point. */
public final class Money {
    /** The largest amount a single command may carry: 1,000,000,000,000.00. */
    public static final long MAX_COMMAND_AMOUNT_CENTS = 100_000_000_000_000L;

    public static final int BPS_PER_WHOLE = 10_000;

    private Money() {}

    public static boolean isValidCommandAmount(long amountCents) {
        return amountCents > 0 && amountCents <= MAX_COMMAND_AMOUNT_CENTS;
    }

    /** {@code amountCents * bps / 10,000}, rounded half-up to the cent (half away from zero). */
    public static long percentOfHalfUp(long amountCents, int bps) {
        if (bps < 0 || bps > BPS_PER_WHOLE) {
            throw new IllegalArgumentException("bps out of 0..10000: " + bps);
        }
        long product = Math.multiplyExact(amountCents, (long) bps);
        long quotient = product / BPS_PER_WHOLE;
        long remainder = Math.abs(product % BPS_PER_WHOLE);
        if (remainder * 2 >= BPS_PER_WHOLE) {
            quotient += Long.signum(product);
        }
        return quotient;
    }

    /** {@code amountCents * bps / 10,000}, rounded down: for shares whose remainder goes elsewhere. */
    public static long percentOfFloor(long amountCents, int bps) {
        if (amountCents < 0 || bps < 0 || bps > BPS_PER_WHOLE) {
            throw new IllegalArgumentException("floor share needs amount >= 0 and bps in 0..10000");
        }
        return Math.multiplyExact(amountCents, (long) bps) / BPS_PER_WHOLE;
    }

    /** Renders cents as a decimal string with two fraction digits, e.g. -1234.05. */
    public static String toDecimalString(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** Parses a decimal string with at most two fraction digits into cents; rejects anything inexact. */
    public static long parseDecimal(String decimal) {
        BigDecimal value = new BigDecimal(decimal.trim());
        try {
            return value.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("not an exact amount in cents: " + decimal, e);
        }
    }
}
