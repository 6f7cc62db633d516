package com.alluse.streams.simulator;

import static com.alluse.streams.simulator.TestEvents.closed;
import static com.alluse.streams.simulator.TestEvents.event;
import static com.alluse.streams.simulator.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.StrategyEventKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyBookTest {
    private final StrategyBook book = new StrategyBook();

    @Test
    void shouldTakeTheLatestEventOfAnAccountAsItsView() {
        book.apply(opened("P1:GEN", 1_000));
        book.apply(event("P1:GEN", StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED, AccountStatus.ACTIVE, 1_500));

        assertThat(book.tradable())
                .singleElement()
                .extracting(AccountView::deployableCapitalCents)
                .isEqualTo(1_500L);
        assertThat(book.deployableCapital()).isEqualTo(Map.of("P1:GEN", 1_500L));
    }

    @Test
    void shouldNotTradeSuspendedClosedOrEmptyAccounts() {
        book.apply(opened("P1:GEN", 1_000));
        book.apply(opened("P1:REV", 0));
        book.apply(event("P1:COM", StrategyEventKind.ACCOUNT_SUSPENDED, AccountStatus.SUSPENDED, 700));
        book.apply(opened("P1:F1:GEN", 500));
        book.apply(closed("P1:F1:GEN"));

        assertThat(book.tradable()).extracting(AccountView::accountId).containsExactly("P1:GEN");
        assertThat(book.open()).extracting(AccountView::accountId).containsExactly("P1:COM", "P1:GEN", "P1:REV");
        assertThat(book.accounts()).isEqualTo(4);
    }

    @Test
    void shouldCountForkGroupsOpenedAndMergedOnceEach() {
        book.apply(opened("P1:F1:GEN", 500));
        book.apply(opened("P1:F1:COM", 500));
        book.apply(opened("P1:F2:GEN", 500));
        book.apply(closed("P1:F1:GEN"));
        book.apply(closed("P1:F1:COM"));

        assertThat(book.forkGroupsOpened()).isEqualTo(2);
        assertThat(book.forkGroupsMerged()).isEqualTo(1);
    }

    @Test
    void shouldKeepEveryEventThatFollowsAnAccountsClose() {
        book.apply(opened("P1:F1:GEN", 500));
        book.apply(closed("P1:F1:GEN"));
        book.apply(event("P1:F1:GEN", StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED, AccountStatus.ACTIVE, 9));

        assertThat(book.eventsAfterClose()).containsExactly("cause/P1:F1:GEN/DEPLOYABLE_CAPITAL_CHANGED");
        assertThat(book.deployableCapital()).containsEntry("P1:F1:GEN", 0L);
    }
}
