package com.alluse.streams.loadtest;

import java.util.List;
import java.util.Map;

/** Everything one run measured; written as report.json and summarised in report.md. */
record RunReport(
        String runId,
        String startedAt,
        double durationSeconds,
        MachineInfo machine,
        Map<String, Object> settings,
        List<ScenarioResult> scenarios,
        List<Comparison> comparisons,
        QueryResult query,
        List<QueryResult> openLoopQueries,
        ScaleResult scale,
        List<MemorySample> memory,
        List<String> errors) {

    RunReport {
        openLoopQueries = List.copyOf(openLoopQueries);
    }

    boolean clean() {
        return errors.isEmpty();
    }
}
