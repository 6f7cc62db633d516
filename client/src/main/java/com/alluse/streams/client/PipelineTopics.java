package com.alluse.streams.client;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.serde.AvroSerdes;
import java.util.Map;
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
        Topic<String, DeadLetter> deadLetters) {

    /** The topics of these names, with value serdes configured from {@code serdeConfig} (registry url, auth...). */
    public static PipelineTopics of(TopicNames names, Map<String, ?> serdeConfig) {
        return new PipelineTopics(
                topic(names.commands(), AccountCommand.class, serdeConfig),
                topic(names.calendar(), CalendarEvent.class, serdeConfig),
                topic(names.commandResults(), CommandResult.class, serdeConfig),
                topic(names.ledger(), LedgerEntry.class, serdeConfig),
                topic(names.accountState(), AccountState.class, serdeConfig),
                topic(names.portfolioEvents(), PortfolioEvent.class, serdeConfig),
                topic(names.deadLetters(), DeadLetter.class, serdeConfig));
    }

    private static <V extends SpecificRecord> Topic<String, V> topic(
            String name, Class<V> type, Map<String, ?> serdeConfig) {
        return new Topic<>(name, Serdes.String(), AvroSerdes.specific(type, serdeConfig, false));
    }
}
