package com.alluse.streams.simulator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.ExecutionKind;
import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;

class TradeTest {

    @Test
    void shouldRejectATradeOfNothing() {
        assertThatThrownBy(() -> new Trade("P1:GEN", DayOfWeek.MONDAY, ExecutionKind.PREMIUM, 0, "SPY", 1, 0))
                .hasMessageContaining("positive amount");
    }

    @Test
    void shouldRejectATradeWithoutContracts() {
        assertThatThrownBy(() -> new Trade("P1:GEN", DayOfWeek.MONDAY, ExecutionKind.PREMIUM, 10, "SPY", 0, 0))
                .hasMessageContaining("quantity must be positive");
    }
}
