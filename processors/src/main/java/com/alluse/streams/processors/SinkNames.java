package com.alluse.streams.processors;

/** Names of the sink nodes the processors forward to; the topology binds them to topics. */
public final class SinkNames {
    public static final String RESULTS = "command-results-sink";
    public static final String LEDGER = "ledger-sink";
    public static final String ACCOUNT_STATE = "account-state-sink";
    public static final String PORTFOLIO_EVENTS = "portfolio-events-sink";
    public static final String DEAD_LETTERS = "dlq-sink";
    /** The ledger processors' strategy events ({@link StrategyEvents}). */
    public static final String STRATEGY_EVENTS = "strategy-events-sink";
    /** The sinks of {@link ExecutionReportProcessor}'s sub-topology (a sink belongs to one sub-topology). */
    public static final String EXECUTION_COMMANDS = "execution-commands-sink";

    public static final String EXECUTION_RESULTS = "execution-results-sink";
    public static final String EXECUTION_DEAD_LETTERS = "execution-dlq-sink";
    /** The reconciliation sub-topology's sinks (a sink shared with another sub-topology would join the two). */
    public static final String RECONCILIATION = "reconciliation-sink";

    public static final String RECONCILIATION_DEAD_LETTERS = "reconciliation-dlq-sink";
    /** The market-instructions sub-topology's sinks. */
    public static final String MARKET_INSTRUCTIONS = "market-instructions-sink";

    public static final String MARKET_DEAD_LETTERS = "market-instructions-dlq-sink";

    private SinkNames() {}
}
