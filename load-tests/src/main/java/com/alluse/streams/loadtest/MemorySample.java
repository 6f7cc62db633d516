package com.alluse.streams.loadtest;

/** This process's memory at a moment of the run, and the scenario running then. */
record MemorySample(long elapsedMillis, String scenario, long residentBytes, long heapUsedBytes) {}
