package com.alluse.streams.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

    @Test
    void shouldAcceptTheDefaultsOfTheClosedLoopTest() {
        SimulationConfig config = SimulationConfig.of(26, 100, 42, 10, 7);

        assertThat(config.stepTimeout()).isEqualTo(SimulationConfig.DEFAULT_STEP_TIMEOUT);
        assertThat(config.maxReportsPerStep()).isEqualTo(SimulationConfig.DEFAULT_MAX_REPORTS_PER_STEP);
    }

    @Test
    void shouldLeaveTheCalendarsLastWeekToSettleTheSnapshots() {
        assertThat(SimulationConfig.of(SimulatedCalendar.MAX_WEEKS - 1, 1, 1, 0, 0)
                        .weeks())
                .isEqualTo(103);
        assertThatThrownBy(() -> SimulationConfig.of(SimulatedCalendar.MAX_WEEKS, 1, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weeks must be within 1..103");
    }

    @Test
    void shouldRejectARedeliveryShareAboveAHundredPercent() {
        assertThatThrownBy(() -> SimulationConfig.of(2, 1, 1, 101, 0))
                .hasMessageContaining("redeliveryPercent must be within 0..100");
    }

    @Test
    void shouldRejectMoreDiscrepanciesThanWeekAndAccountPairs() {
        // One portfolio over two weeks: week 1 only, three main accounts.
        assertThat(SimulationConfig.of(2, 1, 1, 0, 3).discrepancies()).isEqualTo(3);
        assertThatThrownBy(() -> SimulationConfig.of(2, 1, 1, 0, 4))
                .hasMessageContaining("discrepancies must be within 0..3");
    }

    @Test
    void shouldRejectANonPositiveStepTimeout() {
        assertThatThrownBy(() -> new SimulationConfig(2, 1, 1, 0, 0, Duration.ZERO, 10))
                .hasMessageContaining("stepTimeout must be positive");
    }
}
