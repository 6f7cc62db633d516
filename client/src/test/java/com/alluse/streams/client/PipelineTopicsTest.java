package com.alluse.streams.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTopicsTest {
    private static final TopicNames NAMES = TopicNames.withPrefix("t.");

    @Test
    void shouldGiveAValueTypeForEveryPipelineTopicInTopicNamesOrder() {
        assertThat(PipelineTopics.valueTypes(NAMES).stream()
                        .map(PipelineTopics.ValueType::topic)
                        .toList())
                .isEqualTo(NAMES.all());
    }

    @Test
    void shouldNameTheValueSubjectsByTopicNameStrategy() {
        assertThat(PipelineTopics.valueTypes(NAMES).get(0).subject()).isEqualTo("t.commands-value");
    }

    @Test
    void shouldPairEachTopicWithTheSchemaOfItsValues() {
        List<String> schemaNames = PipelineTopics.valueTypes(NAMES).stream()
                .map(type -> type.schema().getName())
                .toList();

        assertThat(schemaNames)
                .containsExactly(
                        "AccountCommand",
                        "CalendarEvent",
                        "ExecutionReport",
                        "BrokerSnapshot",
                        "CommandResult",
                        "LedgerEntry",
                        "AccountState",
                        "PortfolioEvent",
                        "DeadLetter",
                        "StrategyEvent",
                        "ReconciliationResult",
                        "MarketInstruction");
    }
}
