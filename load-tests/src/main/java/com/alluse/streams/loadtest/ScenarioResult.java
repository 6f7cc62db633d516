package com.alluse.streams.loadtest;

import java.util.List;

/**
 * A throughput/latency scenario: the opening of its portfolios, then the measured mix.
 *
 * @param outputsPerCommand for the pipeline, measured from its results; for the physical limit, what it was told to write
 * @param forkMergeOpsPerSecond forks + merges completed during the measured phase, per second of it
 * @param deadLetters records on the scenario's dead-letter topic (any is an error)
 */
record ScenarioResult(
        String name,
        String kind,
        String processingGuarantee,
        long commitIntervalMs,
        String keys,
        int portfolios,
        double outputsPerCommand,
        PhaseResult opens,
        PhaseResult measured,
        long forks,
        long merges,
        double forkMergeOpsPerSecond,
        int calendarEvents,
        long deadLetters,
        long stateDirBytes,
        long startMillis,
        List<String> errors) {

    boolean clean() {
        return errors.isEmpty();
    }
}
