package com.alluse.streams.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything a run is configured with; {@link LoadTestMain} maps the command line onto it.
 *
 * @param groups which scenario groups run: throughput, latency, query, scale
 * @param scenarios names of the throughput/latency scenarios to run within those groups; empty for all
 * @param portfolios portfolios opened by each throughput/latency scenario before its mix
 * @param commands commands of the measured mix of each closed-loop scenario
 * @param maxInFlight closed-loop window: commands sent without a result yet
 * @param maxPhaseDuration bound on sending in any one phase
 * @param openLoopDuration how long each open-loop (latency) scenario sends at its rate
 * @param latencyRatesPerSecond open-loop rates of the latency group
 * @param calendarEvery a calendar close this often during pipeline mixes; null for none
 * @param drainTimeout how long a phase waits for the last results once sending stopped
 * @param outputsPerCommand what the physical limit writes per command when no pipeline scenario measured it first
 * @param queryRatesPerSecond open-loop rates of the query group, after its closed loop
 * @param scaleAccounts account counts the scale scenario grows through (3 per portfolio)
 * @param scaleProbeCommands commands of the mix measured at each scale step
 * @param maxScaleLoadDuration bound on opening the portfolios of one scale step
 * @param warmupCommands commands of an unreported pipeline run before the first scenario (JIT, page cache); 0 for none
 * @param brokerInOwnProcess the broker in a child JVM, so this process's RSS and CPU leave it out
 */
record LoadTestOptions(
        String runId,
        Path resultsDir,
        Path workDir,
        Set<String> groups,
        Set<String> scenarios,
        long seed,
        PipelineSpec pipeline,
        int portfolios,
        int commands,
        int maxInFlight,
        Duration maxPhaseDuration,
        Duration openLoopDuration,
        List<Double> latencyRatesPerSecond,
        String zipfKeys,
        Duration calendarEvery,
        Duration drainTimeout,
        double outputsPerCommand,
        int queryPortfolios,
        int queryClients,
        Duration queryWarmup,
        Duration queryDuration,
        List<Double> queryRatesPerSecond,
        List<Long> scaleAccounts,
        int scaleProbeCommands,
        Duration maxScaleLoadDuration,
        int warmupCommands,
        boolean brokerInOwnProcess,
        boolean keepWork) {

    static final Set<String> ALL_GROUPS = Set.of("throughput", "latency", "query", "scale");

    LoadTestOptions {
        groups = Set.copyOf(groups);
        scenarios = Set.copyOf(scenarios);
        latencyRatesPerSecond = List.copyOf(latencyRatesPerSecond);
        queryRatesPerSecond = List.copyOf(queryRatesPerSecond);
        scaleAccounts = List.copyOf(scaleAccounts);
        for (String group : groups) {
            if (!ALL_GROUPS.contains(group)) {
                throw new IllegalArgumentException("unknown scenario group '" + group + "'; known: " + ALL_GROUPS);
            }
        }
        requirePositive("portfolios", portfolios);
        requirePositive("commands", commands);
        requirePositive("maxInFlight", maxInFlight);
        requirePositive("queryPortfolios", queryPortfolios);
        requirePositive("queryClients", queryClients);
        requirePositive("scaleProbeCommands", scaleProbeCommands);
        if (outputsPerCommand < 1) {
            throw new IllegalArgumentException("outputsPerCommand must be at least 1, got " + outputsPerCommand);
        }
        for (double rate : latencyRatesPerSecond) {
            if (rate <= 0) {
                throw new IllegalArgumentException("latency rates must be positive, got " + rate);
            }
        }
        for (double rate : queryRatesPerSecond) {
            if (rate <= 0 || rate > 1_000_000) {
                throw new IllegalArgumentException("query rates must be within (0, 1000000] per second, got " + rate);
            }
        }
        for (long accounts : scaleAccounts) {
            if (accounts < 3 || accounts > 3L * Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "scale account counts must be within 3.." + 3L * Integer.MAX_VALUE + ", got " + accounts);
            }
        }
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** A run that finishes in well under two minutes on two cores: for CI, never for numbers. */
    static LoadTestOptions smoke(Path resultsDir, Path workDir) {
        // Every code path once: eos-1s and alo-100ms differ from eos-100ms only in settings.
        Set<String> scenarios =
                Set.of("eos-100ms", "physical-limit", "eos-100ms-zipf", "eos-100ms-at-500", "physical-limit-at-500");
        return new LoadTestOptions(
                "smoke",
                resultsDir,
                workDir,
                ALL_GROUPS,
                scenarios,
                42,
                new PipelineSpec("exactly_once_v2", 100, 1, 3, 64L * 1024 * 1024, java.util.Map.of(), false),
                100,
                1_500,
                2_000,
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                List.of(500.0),
                "zipf:0.99",
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                6.0,
                100,
                8,
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                List.of(200.0),
                List.of(300L, 900L),
                500,
                Duration.ofSeconds(30),
                0,
                false,
                false);
    }

    /** The same run with other counts: for the warm-up. */
    LoadTestOptions withCounts(int newPortfolios, int newCommands) {
        return new LoadTestOptions(
                runId,
                resultsDir,
                workDir,
                groups,
                scenarios,
                seed,
                pipeline,
                newPortfolios,
                newCommands,
                maxInFlight,
                maxPhaseDuration,
                openLoopDuration,
                latencyRatesPerSecond,
                zipfKeys,
                calendarEvery,
                drainTimeout,
                outputsPerCommand,
                queryPortfolios,
                queryClients,
                queryWarmup,
                queryDuration,
                queryRatesPerSecond,
                scaleAccounts,
                scaleProbeCommands,
                maxScaleLoadDuration,
                warmupCommands,
                brokerInOwnProcess,
                keepWork);
    }

    boolean runs(String group) {
        return groups.contains(group);
    }

    boolean runsScenario(String name) {
        return scenarios.isEmpty() || scenarios.contains(name);
    }
}
