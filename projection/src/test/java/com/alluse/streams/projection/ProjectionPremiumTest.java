package com.alluse.streams.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.domain.AccountType;
import org.junit.jupiter.api.Test;

class ProjectionPremiumTest {
    @Test
    void genEarnsNinetyFivePercentOfItsBalanceTimesOnePointFivePercent() {
        assertThat(ProjectionPremium.weeklyAmountCents(120_000_00L, AccountType.GENERATION))
                .isEqualTo(1_710_00L);
        assertThat(ProjectionPremium.weeklyAmountCents(90_000_00L, AccountType.REVENUE))
                .isEqualTo(855_00L);
        assertThat(ProjectionPremium.weeklyAmountCents(90_000_00L, AccountType.COMPOUNDING))
                .isEqualTo(427_50L);
    }

    @Test
    void roundsHalfUpToTheCent() {
        // Com: 20.00 x 0.95 x 0.5% = 0.095 exactly, up to 0.10; 19.99 gives 0.0949525, down to 0.09.
        assertThat(ProjectionPremium.weeklyAmountCents(20_00L, AccountType.COMPOUNDING))
                .isEqualTo(10L);
        assertThat(ProjectionPremium.weeklyAmountCents(19_99L, AccountType.COMPOUNDING))
                .isEqualTo(9L);
    }

    @Test
    void roundsOnceOnTheExactProductNotAfterEachFactor() {
        // 1.05 x 0.95 x 1.5% = 0.0149625 -> 0.01; rounding 0.9975 to 1.00 first would give 0.02.
        assertThat(ProjectionPremium.weeklyAmountCents(1_05L, AccountType.GENERATION))
                .isEqualTo(1L);
    }

    @Test
    void staysExactForBalancesWhoseProductOutgrowsALong() {
        long balanceCents = 1_000_000_000_000_000L; // 10^15 x 9,500 x 150 overflows a long
        assertThat(ProjectionPremium.weeklyAmountCents(balanceCents, AccountType.GENERATION))
                .isEqualTo(14_250_000_000_000L);
    }

    @Test
    void givesNoPositivePremiumOnAnEmptyOrOverdrawnAccount() {
        assertThat(ProjectionPremium.weeklyAmountCents(0, AccountType.GENERATION))
                .isZero();
        assertThat(ProjectionPremium.weeklyAmountCents(-50_00L, AccountType.REVENUE))
                .isNegative();
    }
}
