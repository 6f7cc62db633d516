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
        ScaleResult scale,
        List<MemorySample> memory,
        List<String> errors) {

    boolean clean() {
        return errors.isEmpty();
    }
}
