package com.alluse.streams.client;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.serde.SubjectNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/** The pipeline's topics, typed: string keys and the Avro value each topic carries (Confluent wire format). */
public record PipelineTopics(
        Topic<String, AccountCommand> commands,
        Topic<String, CalendarEvent> calendar,
        Topic<String, CommandResult> commandResults,
        Topic<String, LedgerEntry> ledger,
        Topic<String, AccountState> accountState,
        Topic<String, PortfolioEvent> portfolioEvents,
        Topic<String, DeadLetter> deadLetters,
        Topic<String, StrategyEvent> strategyEvents,
        Topic<String, ExecutionReport> marketExecutions,
        Topic<String, BrokerSnapshot> brokerSnapshots,
        Topic<String, ReconciliationResult> reconciliation,
        Topic<String, MarketInstruction> marketInstructions) {

    /** The topics of these names, with value serdes configured from {@code serdeConfig} (registry url, auth...). */
    public static PipelineTopics of(TopicNames names, Map<String, ?> serdeConfig) {
        return new PipelineTopics(
                topic(names.commands(), AccountCommand.class, serdeConfig),
                topic(names.calendar(), CalendarEvent.class, serdeConfig),
                topic(names.commandResults(), CommandResult.class, serdeConfig),
                topic(names.ledger(), LedgerEntry.class, serdeConfig),
                topic(names.accountState(), AccountState.class, serdeConfig),
                topic(names.portfolioEvents(), PortfolioEvent.class, serdeConfig),
                topic(names.deadLetters(), DeadLetter.class, serdeConfig),
                topic(names.strategyEvents(), StrategyEvent.class, serdeConfig),
                topic(names.marketExecutions(), ExecutionReport.class, serdeConfig),
                topic(names.brokerSnapshots(), BrokerSnapshot.class, serdeConfig),
                topic(names.reconciliation(), ReconciliationResult.class, serdeConfig),
                topic(names.marketInstructions(), MarketInstruction.class, serdeConfig));
    }

    /**
     * A topic of the public contract and the generated class of its values: what other teams
     * produce or consume, and what the application registers (subject by TopicNameStrategy).
     */
    public record ValueType(String topic, Class<? extends SpecificRecord> valueClass) {
        public ValueType {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(valueClass, "valueClass");
        }

        /** {@code <topic>-value}, as the serializers name it. */
        public String subject() {
            return SubjectNames.valueSubject(topic);
        }

        /** The schema the generated class writes ({@code SCHEMA$}). */
        public Schema schema() {
            return SpecificData.get().getSchema(valueClass);
        }
    }

    /**
     * Every pipeline topic with its value class, inputs first, in the order of
     * {@link TopicNames#all()}: the same pairs as {@link #of}. Keys are plain strings (no subject).
     */
    public static List<ValueType> valueTypes(TopicNames names) {
        return List.of(
                new ValueType(names.commands(), AccountCommand.class),
                new ValueType(names.calendar(), CalendarEvent.class),
                new ValueType(names.marketExecutions(), ExecutionReport.class),
                new ValueType(names.brokerSnapshots(), BrokerSnapshot.class),
                new ValueType(names.commandResults(), CommandResult.class),
                new ValueType(names.ledger(), LedgerEntry.class),
                new ValueType(names.accountState(), AccountState.class),
                new ValueType(names.portfolioEvents(), PortfolioEvent.class),
                new ValueType(names.deadLetters(), DeadLetter.class),
                new ValueType(names.strategyEvents(), StrategyEvent.class),
                new ValueType(names.reconciliation(), ReconciliationResult.class),
                new ValueType(names.marketInstructions(), MarketInstruction.class));
    }

    private static <V extends SpecificRecord> Topic<String, V> topic(
            String name, Class<V> type, Map<String, ?> serdeConfig) {
        return new Topic<>(name, Serdes.String(), AvroSerdes.specific(type, serdeConfig, false));
    }
}
