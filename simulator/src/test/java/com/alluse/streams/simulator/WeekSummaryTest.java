package com.alluse.streams.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeekSummaryTest {

    @Test
    void shouldPrintTheWeekOnOneLineWithDollarsFromCents() {
        WeekSummary week = new WeekSummary(3, "2024-W04", 312, 2, 9, 1, 4, 0, 0, 0, 0, 640, 61, 0)
                .reconciled(3_028_924_160L, 310, 2, 0);

        assertThat(week.line())
                .isEqualTo(
                        "week   3 2024-W04:   312 open accounts, forks   +2 (9), merges   +1 (4), AUM $30,289,241.60,"
                                + " reconciliation 310 matched / 2 mismatch / 0 unreconciled, 640 executions (+61 redelivered)");
    }

    @Test
    void shouldShowRejectionsOnlyWhenThereAreAny() {
        WeekSummary week = new WeekSummary(0, "2024-W01", 3, 0, 0, 0, 0, 0, 3, 0, 0, 6, 0, 2);

        assertThat(week.line()).endsWith(", 2 REJECTED");
    }

    @Test
    void shouldFormatNegativeAndSmallAmountsExactly() {
        assertThat(WeekSummary.dollars(-5)).isEqualTo("$-0.05");
        assertThat(WeekSummary.dollars(123_456_789_012L)).isEqualTo("$1,234,567,890.12");
    }
}
