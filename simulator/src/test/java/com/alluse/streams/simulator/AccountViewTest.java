package com.alluse.streams.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.StrategyEventKind;
import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;

class AccountViewTest {

    @Test
    void shouldReadTheTradingParametersOfAStrategyEvent() {
        AccountView view = AccountView.of(TestEvents.opened("P1:REV", 4_200));

        assertThat(view.entryDays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
        assertThat(view.targetWeeklyReturnBps()).isEqualTo(100);
        assertThat(view.deployableCapitalCents()).isEqualTo(4_200);
        assertThat(view.isTradable()).isTrue();
    }

    @Test
    void shouldNotBeTradableWhenSuspended() {
        AccountView view = AccountView.of(
                TestEvents.event("P1:REV", StrategyEventKind.ACCOUNT_SUSPENDED, AccountStatus.SUSPENDED, 4_200));

        assertThat(view.isTradable()).isFalse();
    }
}
