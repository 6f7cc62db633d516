package com.alluse.streams.processors.reconciliation;

import static com.alluse.streams.processors.reconciliation.MarketRecords.T0_MS;
import static com.alluse.streams.processors.reconciliation.MarketRecords.entry;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BalanceHistoryTest {
    private static final int LIMIT = 3;

    private KeyValueStore<String, String> store;
    private BalanceHistory history;

    @BeforeEach
    void setUp() {
        store = MarketRecords.textStore(new MockProcessorContext<>(), ReconciliationProcessor.HISTORY_STORE);
        history = new BalanceHistory(store, LIMIT);
    }

    @Test
    void shouldAnswerTheBalanceOfTheNewestChangeAtOrBeforeTheInstant() {
        history.record(entry("P1:GEN", 1, T0_MS, 1_000));
        history.record(entry("P1:GEN", 2, T0_MS + 10, 1_500));
        history.record(entry("P1:GEN", 3, T0_MS + 20, 1_200));

        assertThat(known(history.asOf("P1:GEN", T0_MS + 10)))
                .isEqualTo(new BalanceHistory.Balance(2, T0_MS + 10, 1_500));
        assertThat(known(history.asOf("P1:GEN", T0_MS + 19)).balanceCents()).isEqualTo(1_500);
        assertThat(known(history.asOf("P1:GEN", T0_MS + 1_000)).balanceCents()).isEqualTo(1_200);
    }

    @Test
    void shouldKeepOnlyTheNewestLimitEntriesPerAccount() {
        for (long sequence = 1; sequence <= 5; sequence++) {
            history.record(entry("P1:GEN", sequence, T0_MS + sequence, sequence * 100));
        }
        history.record(entry("P1:REV", 1, T0_MS, 7));

        assertThat(store.approximateNumEntries()).isEqualTo(LIMIT + 1);
        assertThat(history.asOf("P1:GEN", T0_MS + 2)).isInstanceOf(BalanceHistory.AsOf.BeforeHistory.class);
        assertThat(known(history.asOf("P1:GEN", T0_MS + 3)).balanceCents()).isEqualTo(300);
        assertThat(known(history.asOf("P1:REV", T0_MS)).balanceCents()).isEqualTo(7);
    }

    @Test
    void shouldSayTheAccountWasNotOpenWhenTheInstantPrecedesItsFirstEntry() {
        history.record(entry("P1:GEN", 1, T0_MS, 1_000));

        assertThat(history.asOf("P1:GEN", T0_MS - 1)).isInstanceOf(BalanceHistory.AsOf.NotOpenYet.class);
    }

    @Test
    void shouldSayTheAccountIsUnknownWhenNothingWasRecorded() {
        history.record(entry("P1:F1:GEN", 1, T0_MS, 1_000));

        assertThat(history.asOf("P1:F1", T0_MS)).isInstanceOf(BalanceHistory.AsOf.UnknownAccount.class);
        assertThat(history.latest("P1:F1")).isEmpty();
    }

    @Test
    void shouldRecordAnEntryReadAgainOnce() {
        history.record(entry("P1:GEN", 1, T0_MS, 1_000));
        history.record(entry("P1:GEN", 1, T0_MS, 1_000));

        assertThat(store.approximateNumEntries()).isEqualTo(1);
        assertThat(history.latest("P1:GEN")).contains(new BalanceHistory.Balance(1, T0_MS, 1_000));
    }

    @Test
    void shouldKeyEntriesByAccountAndNineteenDigitSequenceAsStoredBefore() {
        history.record(entry("P1:GEN", 7, T0_MS, 1_000));

        // The key form of stores written by earlier releases (String.format("%019d")): they keep working.
        assertThat(store.get("P1:GEN#0000000000000000007")).isEqualTo(T0_MS + " 1000");
    }

    private static BalanceHistory.Balance known(BalanceHistory.AsOf asOf) {
        assertThat(asOf).isInstanceOf(BalanceHistory.AsOf.Known.class);
        return ((BalanceHistory.AsOf.Known) asOf).balance();
    }
}
