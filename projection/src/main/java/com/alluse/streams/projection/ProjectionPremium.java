package com.alluse.streams.projection;

import com.alluse.streams.domain.AccountType;
import com.alluse.streams.domain.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The synthetic week's premium of one account: its type's target weekly return earned on the
 * 95% of the balance that is deployed (the 5% cash buffer stays in cash), rounded half-up to the
 * cent once, on the exact product, so no intermediate rounding drifts over hundreds of weeks.
 */
public final class ProjectionPremium {
    /** The deployed share of the balance: everything but the 5% cash buffer. */
    public static final int DEPLOYED_SHARE_BPS = 9_500;

    private static final BigDecimal BPS_OF_BPS = BigDecimal.valueOf((long) Money.BPS_PER_WHOLE * Money.BPS_PER_WHOLE);

    private ProjectionPremium() {}

    /**
     * {@code halfUp(balance * 9500 * targetWeeklyReturnBps / 100,000,000)} in cents; zero or less
     * means no premium (an empty or overdrawn account earns nothing).
     */
    public static long weeklyAmountCents(long balanceCents, AccountType type) {
        BigDecimal bpsProduct = BigDecimal.valueOf((long) DEPLOYED_SHARE_BPS * type.targetWeeklyReturnBps());
        return BigDecimal.valueOf(balanceCents)
                .multiply(bpsProduct)
                .divide(BPS_OF_BPS, 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
