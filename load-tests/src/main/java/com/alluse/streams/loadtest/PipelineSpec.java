package com.alluse.streams.loadtest;

import java.util.Map;

/**
 * Streams settings a scenario runs the pipeline with; everything else is the production default
 * ({@link com.alluse.streams.topology.StreamsSettings#local}).
 *
 * @param processingGuarantee exactly_once_v2 or at_least_once
 * @param commitIntervalMs transaction length under exactly-once; offset-commit period under at-least-once
 * @param overrides extra Kafka Streams settings (e.g. from --streams-config)
 * @param downstreamApart the downstream processors as an application of their own beside the ledger (two
 *     Kafka Streams clients in this JVM, {@link com.alluse.streams.topology.PipelineRole}) instead of one
 */
record PipelineSpec(
        String processingGuarantee,
        long commitIntervalMs,
        int streamThreads,
        int partitions,
        long rocksDbMemoryBytes,
        Map<String, String> overrides,
        boolean downstreamApart) {

    PipelineSpec {
        overrides = Map.copyOf(overrides);
    }

    PipelineSpec withGuarantee(String guarantee, long intervalMs) {
        return new PipelineSpec(
                guarantee, intervalMs, streamThreads, partitions, rocksDbMemoryBytes, overrides, downstreamApart);
    }
}
