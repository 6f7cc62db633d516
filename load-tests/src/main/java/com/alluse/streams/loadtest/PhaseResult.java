package com.alluse.streams.loadtest;

import java.util.List;
import java.util.Map;

/**
 * What one phase (a run of commands against one instance) measured.
 *
 * @param commandsPerSecond results received / (last result - first send)
 * @param acceptedPerSecond ACCEPTED results over the same window
 * @param steadyCommandsPerSecond median of the per-second result counts, ramp-up and drain excluded
 * @param rejectionRate REJECTED results / results (business rejections: expected, part of the mix)
 * @param errorRate (send failures + missing, repeated or unknown results + INTERNAL_ERROR) / commands sent
 * @param outputsPerCommand records the pipeline wrote per command (result + ledger + account states + events),
 *        from the results themselves
 * @param latency command produced (or due, in open loop) -> its result consumed
 * @param processingCpuMicrosPerCommand CPU of the processing threads (stream threads and their clients, or the
 *        copy loop and its clients) per result: robust against other load on the machine, unlike the rates
 * @param downstreamCpuMicrosPerCommand of the processing threads' CPU, the downstream processors' threads when
 *        they run as an application of their own (0 otherwise)
 * @param processCpuMicrosPerCommand CPU of the whole process (broker and load generator included) per result
 */
record PhaseResult(
        String name,
        double targetRatePerSecond,
        int calendarEvents,
        long commandsSent,
        long results,
        long sendErrors,
        long missingResults,
        long repeatedResults,
        long unknownResults,
        long internalErrors,
        Map<String, Long> outcomes,
        Map<String, Long> rejectReasons,
        double sendSeconds,
        double activeSeconds,
        double commandsPerSecond,
        double acceptedPerSecond,
        double steadyCommandsPerSecond,
        double rejectionRate,
        double errorRate,
        double outputsPerCommand,
        LatencySummary latency,
        double processingCpuMicrosPerCommand,
        double downstreamCpuMicrosPerCommand,
        double processCpuMicrosPerCommand,
        long maxConsumerLag,
        List<Long> resultsPerSecond,
        List<Sample> samples,
        List<String> missingExamples,
        String failure) {

    /** Errors of this phase: anything but a clean, complete run. Speed never counts. */
    long errorCount() {
        return sendErrors
                + missingResults
                + repeatedResults
                + unknownResults
                + internalErrors
                + (failure == null ? 0 : 1);
    }
}
