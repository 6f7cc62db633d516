package com.alluse.streams.simulator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TradingProfileTest {

    @Test
    void shouldRejectLossAndAssignmentChancesAboveAHundredPercentTogether() {
        assertThatThrownBy(() -> new TradingProfile(0, 60, 41, 100, 1, 1, 1))
                .hasMessageContaining("assignmentPercent must be within 0..40");
    }

    @Test
    void shouldRejectABillingIntervalLongerThanAYear() {
        assertThatThrownBy(() -> new TradingProfile(0, 0, 0, 100, 1, 1, 53))
                .hasMessageContaining("commissionIntervalWeeks must be within 1..52");
    }

    @Test
    void shouldRejectAZeroContractNotional() {
        assertThatThrownBy(() -> new TradingProfile(0, 0, 0, 100, 0, 1, 1))
                .hasMessageContaining("contractNotionalCents");
    }
}
