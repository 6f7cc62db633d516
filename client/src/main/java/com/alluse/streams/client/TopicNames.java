package com.alluse.streams.client;

import java.util.List;
import java.util.stream.Stream;

/**
 * The pipeline's topics. Prefixing (e.g. per environment) is a deployment choice.
 *
 * @param marketExecutions the market integration's execution reports, keyed by account id: an
 *     input, translated into market-fact commands on {@code commands}
 */
public record TopicNames(
        String commands,
        String calendar,
        String commandResults,
        String ledger,
        String accountState,
        String portfolioEvents,
        String deadLetters,
        String strategyEvents,
        String marketExecutions,
        String brokerSnapshots,
        String reconciliation,
        String marketInstructions) {

    public static TopicNames withPrefix(String prefix) {
        return new TopicNames(
                prefix + "commands",
                prefix + "calendar",
                prefix + "command-results",
                prefix + "ledger",
                prefix + "account-state",
                prefix + "portfolio-events",
                prefix + "dlq",
                prefix + "strategy-events",
                prefix + "market-executions",
                prefix + "broker-snapshots",
                prefix + "reconciliation",
                prefix + "market-instructions");
    }

    public static final TopicNames DEFAULT = withPrefix("alluse.");

    /**
     * These inputs with the outputs of {@code outputs}: a second pipeline (a disaster-recovery
     * replay) that reads the live commands and broker snapshots but writes beside the live
     * outputs. The execution reports and the calendar are taken from {@code outputs} too: the live
     * commands already hold the commands translated from the live reports and the calendar events
     * relayed into them, and a replay must not write to the live commands.
     */
    public TopicNames withOutputsOf(TopicNames outputs) {
        return new TopicNames(
                commands,
                outputs.calendar,
                outputs.commandResults,
                outputs.ledger,
                outputs.accountState,
                outputs.portfolioEvents,
                outputs.deadLetters,
                outputs.strategyEvents,
                outputs.marketExecutions,
                brokerSnapshots,
                outputs.reconciliation,
                outputs.marketInstructions);
    }

    /** The topics the pipeline writes. */
    public List<String> outputs() {
        return List.of(
                commandResults,
                ledger,
                accountState,
                portfolioEvents,
                deadLetters,
                strategyEvents,
                reconciliation,
                marketInstructions);
    }

    /** The inputs, then {@link #outputs()}. */
    public List<String> all() {
        return Stream.concat(Stream.of(commands, calendar, marketExecutions, brokerSnapshots), outputs().stream())
                .toList();
    }
}
