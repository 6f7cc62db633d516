package com.alluse.streams.domain;

import static com.alluse.streams.domain.Performance.ONE_NANOS;
import static com.alluse.streams.domain.PortfolioBook.cents;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerformanceTest {
    private static final int GENERATION_MAX_DRAWDOWN_BPS = 1_500;

    @Test
    void shouldCompoundTheIndexExactlyWhenIndexTimesBalanceOutgrowsALong() {
        // An index of 200 (years of compounding) on 500,000.00: I x balance is 10^19 > Long.MAX_VALUE.
        Performance week =
                new Performance(cents("500,000.00"), cents("5,000.00"), 200 * ONE_NANOS, 200 * ONE_NANOS, false);

        Performance closed = week.closeWeek(cents("505,000.00"), GENERATION_MAX_DRAWDOWN_BPS);

        assertThat(closed.indexNanos()).isEqualTo(202 * ONE_NANOS);
        assertThat(closed.highWaterMarkNanos()).isEqualTo(202 * ONE_NANOS);
        assertThat(closed.weekStartBalanceCents()).isEqualTo(cents("505,000.00"));
    }

    @Test
    void shouldRoundTheIndexHalfUpAtTheNanoUnit() {
        // An index of 1 nano growing by 1/2 is 1.5 nanos (up to 2); by 1/4 it is 1.25 (down to 1).
        Performance half = new Performance(2, 1, 1, 1, false);
        Performance quarter = new Performance(4, 1, 1, 1, false);

        assertThat(half.closeWeek(3, GENERATION_MAX_DRAWDOWN_BPS).indexNanos()).isEqualTo(2);
        assertThat(quarter.closeWeek(5, GENERATION_MAX_DRAWDOWN_BPS).indexNanos())
                .isEqualTo(1);
    }

    @Test
    void shouldFloorTheIndexAtZeroWhenLossesExceedTheStartBalance() {
        Performance wipedOut = new Performance(100_00, -150_00, ONE_NANOS, ONE_NANOS, false);

        Performance closed = wipedOut.closeWeek(-50_00, GENERATION_MAX_DRAWDOWN_BPS);

        assertThat(closed.indexNanos()).isZero();
        assertThat(closed.drawdownBreached()).isTrue();
    }
}
