package com.alluse.streams.simulator;

import com.alluse.streams.avro.ExecutionKind;
import java.time.DayOfWeek;
import java.util.Objects;

/**
 * One fill the simulated strategy engine makes: a kind of market fact on an account, on one of its entry days.
 *
 * @param quantity contracts (always at least 1)
 * @param priceCents per contract, so that quantity x price is close to the amount (exact for premiums)
 */
public record Trade(
        String accountId,
        DayOfWeek day,
        ExecutionKind kind,
        long amountCents,
        String symbol,
        long quantity,
        long priceCents) {

    public Trade {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(kind, "kind");
        if (amountCents <= 0) {
            throw new IllegalArgumentException("a trade moves a positive amount, got " + amountCents);
        }
        if (quantity <= 0 || priceCents < 0) {
            throw new IllegalArgumentException("quantity must be positive and price not negative");
        }
    }
}
