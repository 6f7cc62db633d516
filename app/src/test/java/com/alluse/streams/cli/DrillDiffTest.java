package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillDiffTest {
    @Test
    void shouldCountNoDifferenceWhenBothSidesHoldTheSameRecords() {
        DrillDiff diff = DrillDiff.compare("ledger", Map.of("a", 1, "b", 2), Map.of("b", 2, "a", 1));

        assertThat(diff.differences()).isZero();
        assertThat(diff.examples()).isEmpty();
    }

    @Test
    void shouldCountMissingExtraAndDifferentRecordsWhenTheSidesDisagree() {
        DrillDiff diff = DrillDiff.compare("ledger", Map.of("a", 1, "b", 2), Map.of("b", 3, "c", 4));

        assertThat(diff.missing()).isEqualTo(1);
        assertThat(diff.extra()).isEqualTo(1);
        assertThat(diff.different()).isEqualTo(1);
        assertThat(diff.examples())
                .containsExactly("only live has a", "b differs: live 2 replay 3", "only the replay has c");
    }

    @Test
    void shouldBoundTheExamplesWhenManyRecordsDiffer() {
        Map<String, Integer> live = Map.of("a", 1, "b", 1, "c", 1, "d", 1, "e", 1, "f", 1, "g", 1);

        DrillDiff diff = DrillDiff.compare("ledger", live, Map.of());

        assertThat(diff.missing()).isEqualTo(7);
        assertThat(diff.examples()).hasSize(DrillDiff.MAX_EXAMPLES);
    }
}
