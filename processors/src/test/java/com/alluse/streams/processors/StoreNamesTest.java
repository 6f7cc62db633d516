package com.alluse.streams.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreNamesTest {
    @Test
    void shouldZeroPadTheSequenceToNineteenDigits() {
        assertThat(StoreNames.ledgerKey("P1:GEN", 0)).isEqualTo("P1:GEN#0000000000000000000");
        assertThat(StoreNames.ledgerKey("P1:GEN", 42)).isEqualTo("P1:GEN#0000000000000000042");
        assertThat(StoreNames.ledgerKey("P1:GEN", Long.MAX_VALUE)).isEqualTo("P1:GEN#" + Long.MAX_VALUE);
    }

    @Test
    void shouldSortAnAccountsKeysInSequenceOrder() {
        List<String> keys = new ArrayList<>();
        for (long sequence : new long[] {1, 9, 10, 99, 100, 1_000_000_007L, Long.MAX_VALUE}) {
            keys.add(StoreNames.ledgerKey("P1:F3:COM", sequence));
        }

        assertThat(keys).isSorted();
    }

    @Test
    void shouldRefuseANegativeSequence() {
        assertThatThrownBy(() -> StoreNames.ledgerKey("P1:GEN", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
