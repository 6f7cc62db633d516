package com.alluse.streams.loadtest;

import org.apache.kafka.streams.StreamsConfig;

/**
 * One throughput/latency scenario.
 *
 * @param physicalLimit true for the stateless transactional copy loop, false for the pipeline
 * @param processingGuarantee of the pipeline (ignored for the physical limit, which is always transactional)
 * @param keys "uniform" or "zipf[:exponent]"
 * @param ratePerSecond open loop at this rate; 0 for closed loop at maximum
 */
record ScenarioSpec(
        String name,
        boolean physicalLimit,
        String processingGuarantee,
        long commitIntervalMs,
        String keys,
        double ratePerSecond) {

    static ScenarioSpec pipeline(
            String name, String guarantee, long commitIntervalMs, String keys, double ratePerSecond) {
        return new ScenarioSpec(name, false, guarantee, commitIntervalMs, keys, ratePerSecond);
    }

    static ScenarioSpec physical(String name, String keys, double ratePerSecond) {
        return new ScenarioSpec(
                name, true, StreamsConfig.EXACTLY_ONCE_V2, PhysicalLimitCopier.COMMIT_INTERVAL_MS, keys, ratePerSecond);
    }

    String kind() {
        return physicalLimit ? "physical-limit" : "pipeline";
    }
}
