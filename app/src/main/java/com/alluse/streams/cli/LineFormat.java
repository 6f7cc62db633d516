package com.alluse.streams.cli;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.client.json.CommandJson;
import com.alluse.streams.client.json.InvalidCommandJsonException;
import com.alluse.streams.client.json.SnapshotJson;
import java.time.Clock;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** What `alluse produce --topic` reads from a JSON line: the record, its key and its timestamp. */
enum LineFormat {
    /** AccountCommand keyed by portfolio id, stamped with its event time. */
    COMMANDS("commands", "commands", TopicNames::commands),
    /** BrokerSnapshot keyed by account id, stamped with its as-of time. */
    BROKER_SNAPSHOTS("broker-snapshots", "snapshots", TopicNames::brokerSnapshots);

    /** One parsed line: what to send and how. */
    record Parsed(String key, long timestampMs, SpecificRecord value) {}

    private final String cliName;
    private final String noun;
    private final Function<TopicNames, String> topic;

    LineFormat(String cliName, String noun, Function<TopicNames, String> topic) {
        this.cliName = cliName;
        this.noun = noun;
        this.topic = topic;
    }

    String noun() {
        return noun;
    }

    String topicIn(TopicNames topics) {
        return topic.apply(topics);
    }

    /** A parser of this format; {@code clock} supplies command event times that lines leave out. */
    Parser parser(Clock clock) {
        if (this == COMMANDS) {
            CommandJson commands = new CommandJson(clock);
            return line -> {
                AccountCommand command = commands.parse(line);
                return new Parsed(command.getPortfolioId(), command.getEventTimeMs(), command);
            };
        }
        SnapshotJson snapshots = new SnapshotJson();
        return line -> {
            BrokerSnapshot snapshot = snapshots.parse(line);
            return new Parsed(snapshot.getAccountId(), snapshot.getAsOfMs(), snapshot);
        };
    }

    interface Parser {
        Parsed parse(String line) throws InvalidCommandJsonException;
    }

    static final class Converter implements picocli.CommandLine.ITypeConverter<LineFormat> {
        @Override
        public LineFormat convert(String value) {
            for (LineFormat format : values()) {
                if (format.cliName.equals(value.trim())) {
                    return format;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "unknown topic '" + value + "' (expected commands or broker-snapshots)");
        }
    }
}
