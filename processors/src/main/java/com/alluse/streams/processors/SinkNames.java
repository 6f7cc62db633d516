package com.alluse.streams.processors;

/** Names of the sink nodes the processors forward to; the topology binds them to topics. */
public final class SinkNames {
    public static final String RESULTS = "command-results-sink";
    public static final String LEDGER = "ledger-sink";
    public static final String ACCOUNT_STATE = "account-state-sink";
    public static final String PORTFOLIO_EVENTS = "portfolio-events-sink";
    public static final String DEAD_LETTERS = "dlq-sink";
    /** Fed by {@link StrategyEventsProcessor}, not by the ledger processors. */
    public static final String STRATEGY_EVENTS = "strategy-events-sink";
    /** The sinks of {@link ExecutionReportProcessor}'s sub-topology (a sink belongs to one sub-topology). */
    public static final String EXECUTION_COMMANDS = "execution-commands-sink";

    public static final String EXECUTION_RESULTS = "execution-results-sink";
    public static final String EXECUTION_DEAD_LETTERS = "execution-dlq-sink";

    private SinkNames() {}
}
