package com.alluse.streams.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReconciliationToleranceTest {
    @Test
    void shouldMatchADifferenceUpToTheAbsoluteToleranceInBothDirections() {
        ReconciliationTolerance tolerance = new ReconciliationTolerance(100, 0);

        assertThat(tolerance.matches(10_000_100, 10_000_000)).isTrue();
        assertThat(tolerance.matches(9_999_900, 10_000_000)).isTrue();
        assertThat(tolerance.matches(10_000_101, 10_000_000)).isFalse();
        assertThat(tolerance.matches(9_999_899, 10_000_000)).isFalse();
    }

    @Test
    void shouldAllowTheBasisPointShareWhenItExceedsTheAbsoluteTolerance() {
        ReconciliationTolerance tolerance = new ReconciliationTolerance(100, 1);

        // 1 bp of 100,000,000.00 is 10,000.00
        assertThat(tolerance.allowedCents(10_000_000_000L)).isEqualTo(1_000_000);
        assertThat(tolerance.matches(10_001_000_000L, 10_000_000_000L)).isTrue();
        assertThat(tolerance.matches(10_001_000_001L, 10_000_000_000L)).isFalse();
        // 1 bp of 500,000.00 is 50.00; of 5,000.00 it is 0.50, less than the absolute 1.00
        assertThat(tolerance.allowedCents(50_000_000)).isEqualTo(5_000);
        assertThat(tolerance.allowedCents(500_000)).isEqualTo(100);
    }

    @Test
    void shouldRoundTheBasisPointShareDown() {
        ReconciliationTolerance tolerance = new ReconciliationTolerance(0, 3);

        assertThat(tolerance.allowedCents(33_333)).isEqualTo(9); // 9.9999 cents
    }

    @Test
    void shouldMatchOnlyExactlyWhenBothPartsAreZero() {
        ReconciliationTolerance tolerance = new ReconciliationTolerance(0, 0);

        assertThat(tolerance.matches(123, 123)).isTrue();
        assertThat(tolerance.matches(124, 123)).isFalse();
    }

    @Test
    void shouldNotOverflowOnExtremeAmounts() {
        ReconciliationTolerance tolerance = new ReconciliationTolerance(100, 10_000);

        assertThat(tolerance.allowedCents(Long.MIN_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(tolerance.matches(Long.MAX_VALUE, Long.MIN_VALUE)).isFalse();
        assertThat(new ReconciliationTolerance(0, 0).matches(Long.MAX_VALUE, -1))
                .isFalse();
    }

    @Test
    void shouldRejectANegativeOrOutOfRangeTolerance() {
        assertThatThrownBy(() -> new ReconciliationTolerance(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconciliationTolerance(0, 10_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
