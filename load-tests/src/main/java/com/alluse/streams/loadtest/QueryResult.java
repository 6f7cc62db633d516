package com.alluse.streams.loadtest;

import java.util.List;
import java.util.Map;

/**
 * GET /accounts/{id} under N concurrent clients, each sending its next request when the last one
 * was answered (closed loop, no think time).
 *
 * @param requestsPerSecond answered requests (any status) per second of the measured window
 * @param statusCounts responses by HTTP status
 * @param ioErrors requests that got no response (connection failures, timeouts)
 */
record QueryResult(
        int clients,
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
}
