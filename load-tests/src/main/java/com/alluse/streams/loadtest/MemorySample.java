package com.alluse.streams.loadtest;

/**
 * This process's memory at a moment of the run, and the scenario running then.
 *
 * @param brokerResidentBytes VmRSS of the broker's own JVM; -1 when it runs in this process
 */
record MemorySample(
        long elapsedMillis, String scenario, long residentBytes, long heapUsedBytes, long brokerResidentBytes) {}
