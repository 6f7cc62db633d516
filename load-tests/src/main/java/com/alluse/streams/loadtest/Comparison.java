package com.alluse.streams.loadtest;

/**
 * A pipeline scenario beside the physical limit measured the same way (same keys, same loop).
 *
 * @param ratio pipeline throughput / physical-limit throughput
 * @param cpuRatio physical-limit processing CPU per command / the pipeline's (0 when unknown)
 */
record Comparison(
        String pipelineScenario,
        String physicalLimitScenario,
        double pipelineCommandsPerSecond,
        double physicalLimitCommandsPerSecond,
        double ratio,
        double cpuRatio) {

    static Comparison of(ScenarioResult pipeline, ScenarioResult physical) {
        double pipelineRate = pipeline.measured().commandsPerSecond();
        double physicalRate = physical.measured().commandsPerSecond();
        double pipelineCpu = pipeline.measured().processingCpuMicrosPerCommand();
        double physicalCpu = physical.measured().processingCpuMicrosPerCommand();
        return new Comparison(
                pipeline.name(),
                physical.name(),
                pipelineRate,
                physicalRate,
                physicalRate == 0 ? 0 : pipelineRate / physicalRate,
                pipelineCpu <= 0 || physicalCpu <= 0 ? 0 : physicalCpu / pipelineCpu);
    }
}
