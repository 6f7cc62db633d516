package com.alluse.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void shouldRoundPercentagesHalfUpToTheCent() {
        assertThat(Money.percentOfHalfUp(1_000_001, 7_500)).isEqualTo(750_001); // 750,000.75 -> 750,001
        assertThat(Money.percentOfHalfUp(2, 2_500)).isEqualTo(1); // 0.5 -> 1
        assertThat(Money.percentOfHalfUp(1, 2_500)).isZero(); // 0.25 -> 0
        assertThat(Money.percentOfHalfUp(-2, 2_500)).isEqualTo(-1); // half away from zero
    }

    @Test
    void shouldSplitExactly() {
        ReinvestmentSplit split = ReinvestmentSplit.of(1_000_001, 7_500);
        assertThat(split.contractsCents() + split.leapsCents()).isEqualTo(1_000_001);
        assertThat(split).isEqualTo(new ReinvestmentSplit(750_001, 250_000));
    }

    @Test
    void shouldFailLoudlyInsteadOfOverflowing() {
        assertThatThrownBy(() -> Money.percentOfHalfUp(Long.MAX_VALUE, 5_000)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldRenderAndParseDecimalStringsExactly() {
        assertThat(Money.toDecimalString(123_456)).isEqualTo("1234.56");
        assertThat(Money.toDecimalString(-5)).isEqualTo("-0.05");
        assertThat(Money.parseDecimal("1234.5")).isEqualTo(123_450);
        assertThatThrownBy(() -> Money.parseDecimal("0.001")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAcceptCommandAmountsFromOneCentToTenToTheFourteen() {
        assertThat(Money.isValidCommandAmount(1)).isTrue();
        assertThat(Money.isValidCommandAmount(100_000_000_000_000L)).isTrue();
        assertThat(Money.isValidCommandAmount(100_000_000_000_001L)).isFalse();
        assertThat(Money.isValidCommandAmount(0)).isFalse();
    }
}
