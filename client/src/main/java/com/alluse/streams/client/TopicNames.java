package com.alluse.streams.client;

import java.util.List;
import java.util.stream.Stream;

/** The pipeline's topics. Prefixing (e.g. per environment) is a deployment choice. */
public record TopicNames(
        String commands,
        String calendar,
        String commandResults,
        String ledger,
        String accountState,
        String portfolioEvents,
        String deadLetters,
        String strategyEvents,
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
                prefix + "broker-snapshots",
                prefix + "reconciliation",
                prefix + "market-instructions");
    }

    public static final TopicNames DEFAULT = withPrefix("alluse.");

    /**
     * These inputs with the outputs of {@code outputs}: a second pipeline (a disaster-recovery
     * replay) that reads the live commands, calendar and broker snapshots but writes beside the
     * live outputs.
     */
    public TopicNames withOutputsOf(TopicNames outputs) {
        return new TopicNames(
                commands,
                calendar,
                outputs.commandResults,
                outputs.ledger,
                outputs.accountState,
                outputs.portfolioEvents,
                outputs.deadLetters,
                outputs.strategyEvents,
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
        return Stream.concat(Stream.of(commands, calendar, brokerSnapshots), outputs().stream())
                .toList();
    }
}
