package com.alluse.streams.client;

import java.util.List;

/** The pipeline's topics. Prefixing (e.g. per environment) is a deployment choice. */
public record TopicNames(
        String commands,
        String calendar,
        String commandResults,
        String ledger,
        String accountState,
        String portfolioEvents,
        String deadLetters,
        String strategyEvents) {

    public static TopicNames withPrefix(String prefix) {
        return new TopicNames(
                prefix + "commands",
                prefix + "calendar",
                prefix + "command-results",
                prefix + "ledger",
                prefix + "account-state",
                prefix + "portfolio-events",
                prefix + "dlq",
                prefix + "strategy-events");
    }

    public static final TopicNames DEFAULT = withPrefix("alluse.");

    public List<String> all() {
        return List.of(
                commands, calendar, commandResults, ledger, accountState, portfolioEvents, deadLetters, strategyEvents);
    }
}
