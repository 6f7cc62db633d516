package com.alluse.streams.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GET /accounts/{id} under N concurrent clients, each sending its next request when the last one
 * was answered (closed loop, no think time), or at a fixed rate spread over them (open loop,
 * latency from when each request was due).
 *
 * @param targetRatePerSecond the open loop's rate; 0 for the closed loop
 * @param requestsPerSecond answered requests (any status) per second of the measured window
 * @param statusCounts responses by HTTP status
 * @param ioErrors requests that got no response (connection failures, timeouts)
 */
record QueryResult(
        int clients,
        double targetRatePerSecond,
        int accountsQueried,
        double measuredSeconds,
        long requests,
        double requestsPerSecond,
        Map<Integer, Long> statusCounts,
        long ioErrors,
        LatencySummary latency,
        List<Long> requestsPerSecondSeries,
        List<String> errors) {

    boolean clean() {
        return errors.isEmpty();
    }

    boolean openLoop() {
        return targetRatePerSecond > 0;
    }

    /** The same figures with more errors (of the phase that prepared the queries). */
    QueryResult withErrors(List<String> moreErrors) {
        List<String> all = new ArrayList<>(errors);
        all.addAll(moreErrors);
        return new QueryResult(
                clients,
                targetRatePerSecond,
                accountsQueried,
                measuredSeconds,
                requests,
                requestsPerSecond,
                statusCounts,
                ioErrors,
                latency,
                requestsPerSecondSeries,
                all);
    }
}
