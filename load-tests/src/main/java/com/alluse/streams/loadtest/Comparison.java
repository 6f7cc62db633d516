package com.alluse.streams.loadtest;

/** A pipeline scenario beside the physical limit measured the same way (same keys, same loop). */
record Comparison(String pipelineScenario, String physicalLimitScenario, double pipelineCommandsPerSecond,
        double physicalLimitCommandsPerSecond, double ratio) {

    static Comparison of(ScenarioResult pipeline, ScenarioResult physical) {
        double pipelineRate = pipeline.measured().commandsPerSecond();
        double physicalRate = physical.measured().commandsPerSecond();
        return new Comparison(pipeline.name(), physical.name(), pipelineRate, physicalRate, physicalRate == 0 ? 0 : pipelineRate / physicalRate);
    }
}
