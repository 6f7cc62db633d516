package com.alluse.streams.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {
    @Test
    void shouldKeepTheCommandsAndSnapshotsAndTakeTheRestWhenCombined() {
        TopicNames replay = TopicNames.DEFAULT.withOutputsOf(TopicNames.withPrefix("drill."));

        assertThat(replay.commands()).isEqualTo("alluse.commands");
        assertThat(replay.calendar()).isEqualTo("drill.calendar");
        assertThat(replay.brokerSnapshots()).isEqualTo("alluse.broker-snapshots");
        assertThat(replay.marketExecutions()).isEqualTo("drill.market-executions");
        assertThat(replay.outputs())
                .containsExactly(
                        "drill.command-results",
                        "drill.ledger",
                        "drill.account-state",
                        "drill.portfolio-events",
                        "drill.dlq",
                        "drill.strategy-events",
                        "drill.reconciliation",
                        "drill.market-instructions");
    }
}
