package com.alluse.streams.loadtest;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram, in microseconds. */
record LatencySummary(
        long count,
        long p50Micros,
        long p90Micros,
        long p99Micros,
        long p999Micros,
        long maxMicros,
        double meanMicros) {

    static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    /** Up to an hour, 3 significant digits: a recorded value is off by at most 0.1%. */
    static Histogram newHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }

    static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                micros.getTotalCount(),
                micros.getValueAtPercentile(50),
                micros.getValueAtPercentile(90),
                micros.getValueAtPercentile(99),
                micros.getValueAtPercentile(99.9),
                micros.getMaxValue(),
                micros.getMean());
    }

    /** Records a latency, clamping to the histogram's range so an outlier cannot throw. */
    static void record(Histogram micros, long latencyNanos) {
        long value = Math.max(0, latencyNanos / 1_000);
        micros.recordValue(Math.min(value, micros.getHighestTrackableValue()));
    }
}
