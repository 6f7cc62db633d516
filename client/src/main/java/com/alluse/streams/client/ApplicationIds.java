package com.alluse.streams.client;

/**
 * The Kafka Streams application ids (and so consumer groups, transactional-id and internal-topic prefixes) of
 * one pipeline: the ledger runs under the pipeline's id, the downstream processors, when they run apart, under
 * the same id with a suffix (docs/architecture.md, "Where the downstream processors run").
 */
public final class ApplicationIds {
    public static final String DOWNSTREAM_SUFFIX = "-downstream";

    private ApplicationIds() {}

    /** The application id of the downstream processors of the pipeline whose ledger runs under {@code pipelineId}. */
    public static String downstream(String pipelineId) {
        return pipelineId + DOWNSTREAM_SUFFIX;
    }
}
