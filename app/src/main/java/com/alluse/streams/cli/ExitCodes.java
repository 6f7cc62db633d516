package com.alluse.streams.cli;

/** Exit codes of the data commands (produce, consume, calendar); docs/cli.md lists them. */
final class ExitCodes {
    static final int OK = 0;
    /** produce: some lines were invalid and skipped; every valid line was sent. */
    static final int INVALID_INPUT = 1;
    /** Bad options or arguments (picocli's own code for usage errors). */
    static final int USAGE = 2;
    /** Kafka or the schema registry failed: unreachable, topic missing, a send not confirmed. */
    static final int KAFKA_FAILURE = 3;

    private ExitCodes() {}
}
