package com.alluse.streams.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DiscrepancyPlanTest {

    @Test
    void shouldDrawTheSameDiscrepanciesForTheSameSeed() {
        assertThat(DiscrepancyPlan.draw(3, 10, 26, 100).all())
                .isEqualTo(DiscrepancyPlan.draw(3, 10, 26, 100).all())
                .isNotEqualTo(DiscrepancyPlan.draw(4, 10, 26, 100).all());
    }

    @Test
    void shouldPlaceEachOnAMainAccountInAWeekAfterTheFirst() {
        DiscrepancyPlan plan = DiscrepancyPlan.draw(3, 50, 26, 100);

        assertThat(plan.all()).hasSize(50).allSatisfy(discrepancy -> {
            assertThat(discrepancy.week()).isBetween(1, 25);
            assertThat(discrepancy.accountId()).matches("SIM[0-9]{1,2}:(GEN|REV|COM)");
            assertThat(Math.abs(discrepancy.differenceCents()))
                    .isBetween(DiscrepancyPlan.MIN_DIFFERENCE_CENTS, DiscrepancyPlan.MAX_DIFFERENCE_CENTS);
        });
        assertThat(plan.bySnapshotId()).hasSize(50);
    }

    @Test
    void shouldFindADiscrepancyByWeekAndAccount() {
        DiscrepancyPlan plan = DiscrepancyPlan.draw(3, 1, 26, 100);
        DiscrepancyPlan.Discrepancy only = plan.all().get(0);

        assertThat(plan.of(only.week(), only.accountId())).contains(only);
        assertThat(plan.of(only.week() == 1 ? 2 : 1, only.accountId())).isEmpty();
    }

    @Test
    void shouldUseEveryPairWhenAskedForAll() {
        assertThat(DiscrepancyPlan.draw(1, 3, 2, 1).all())
                .extracting(DiscrepancyPlan.Discrepancy::accountId)
                .containsExactlyInAnyOrder("SIM0:GEN", "SIM0:REV", "SIM0:COM");
        assertThatThrownBy(() -> DiscrepancyPlan.draw(1, 4, 2, 1)).hasMessageContaining("within 0..3");
    }
}
