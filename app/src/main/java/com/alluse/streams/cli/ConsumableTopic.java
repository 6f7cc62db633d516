package com.alluse.streams.cli;

import com.alluse.streams.client.TopicNames;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The pipeline topics `alluse consume` reads, by the short names people type. */
enum ConsumableTopic {
    RESULTS("results", TopicNames::commandResults),
    LEDGER("ledger", TopicNames::ledger),
    ACCOUNT_STATE("account-state", TopicNames::accountState),
    PORTFOLIO_EVENTS("portfolio-events", TopicNames::portfolioEvents),
    DLQ("dlq", TopicNames::deadLetters),
    STRATEGY_EVENTS("strategy-events", TopicNames::strategyEvents),
    RECONCILIATION("reconciliation", TopicNames::reconciliation),
    MARKET_INSTRUCTIONS("market-instructions", TopicNames::marketInstructions),
    BROKER_SNAPSHOTS("broker-snapshots", TopicNames::brokerSnapshots),
    MARKET_EXECUTIONS("market-executions", TopicNames::marketExecutions),
    COMMANDS("commands", TopicNames::commands),
    CALENDAR("calendar", TopicNames::calendar);

    private final String cliName;
    private final Function<TopicNames, String> topic;

    ConsumableTopic(String cliName, Function<TopicNames, String> topic) {
        this.cliName = cliName;
        this.topic = topic;
    }

    String cliName() {
        return cliName;
    }

    String topicIn(TopicNames topics) {
        return topic.apply(topics);
    }

    static ConsumableTopic fromCliName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(candidate -> candidate.cliName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new TypeConversionException("unknown topic '" + name + "' (expected one of "
                        + Arrays.stream(values()).map(ConsumableTopic::cliName).collect(Collectors.joining(", "))
                        + ")"));
    }

    static final class Converter implements ITypeConverter<ConsumableTopic> {
        @Override
        public ConsumableTopic convert(String value) {
            return fromCliName(value);
        }
    }

    /** For the help text and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(ConsumableTopic::cliName).iterator();
        }
    }
}
