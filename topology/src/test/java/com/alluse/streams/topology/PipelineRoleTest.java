package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineRoleTest {
    @Test
    void shouldRunTheDownstreamRoleUnderThePipelinesIdWithASuffixAndTheOtherRolesUnderItself() {
        assertThat(PipelineRole.ALL.applicationId("alluse")).isEqualTo("alluse");
        assertThat(PipelineRole.LEDGER.applicationId("alluse")).isEqualTo("alluse");
        assertThat(PipelineRole.DOWNSTREAM.applicationId("alluse")).isEqualTo("alluse-downstream");
    }

    @Test
    void shouldRunEveryPartInTheAllRoleAndOnlyItsOwnPartInTheOthers() {
        assertThat(PipelineRole.ALL.runs(PipelineRole.LEDGER)).isTrue();
        assertThat(PipelineRole.ALL.runs(PipelineRole.DOWNSTREAM)).isTrue();
        assertThat(PipelineRole.LEDGER.runs(PipelineRole.LEDGER)).isTrue();
        assertThat(PipelineRole.LEDGER.runs(PipelineRole.DOWNSTREAM)).isFalse();
        assertThat(PipelineRole.DOWNSTREAM.runs(PipelineRole.DOWNSTREAM)).isTrue();
        assertThat(PipelineRole.DOWNSTREAM.runs(PipelineRole.LEDGER)).isFalse();
        for (PipelineRole role : PipelineRole.values()) {
            assertThat(role.runs(PipelineRole.ALL))
                    .as("%s runs what every instance has", role)
                    .isTrue();
        }
    }
}
