package com.alluse.streams.loadtest;

/**
 * One reading taken once a second during a phase.
 *
 * @param elapsedMillis since the phase started
 * @param consumerLag records on the commands topic not yet committed by the consumer group (-1: unknown)
 * @param outstanding commands sent without a result yet
 */
record Sample(long elapsedMillis, long consumerLag, long outstanding, long residentBytes, long heapUsedBytes) {}
