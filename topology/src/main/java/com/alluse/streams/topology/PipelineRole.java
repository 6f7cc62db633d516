package com.alluse.streams.topology;

import com.alluse.streams.client.ApplicationIds;

/**
 * Which sub-topologies an instance runs (docs/architecture.md, "Where the downstream processors run").
 * The downstream processors only read the ledger's committed outputs, so they can run as an application
 * of their own, on threads of their own; Kafka Streams runs one topology per application id, hence the
 * id of its own.
 */
public enum PipelineRole {
    /** One application: the ledger and the processors that read its outputs, on the same stream threads. */
    ALL,
    /** The ledger, the calendar relay, strategy events and market executions: everything that writes commands or results. */
    LEDGER,
    /** Monitoring, reconciliation and market instructions, under {@link #applicationId} of their own. */
    DOWNSTREAM;

    /** The application id this role runs under, given the pipeline's: the downstream role adds a suffix. */
    public String applicationId(String pipelineApplicationId) {
        return this == DOWNSTREAM ? ApplicationIds.downstream(pipelineApplicationId) : pipelineApplicationId;
    }

    public boolean runsLedger() {
        return this != DOWNSTREAM;
    }

    public boolean runsDownstream() {
        return this != LEDGER;
    }

    /** Whether an instance of this role runs {@code part} of the pipeline ({@link #ALL}: any part every instance has). */
    public boolean runs(PipelineRole part) {
        return switch (part) {
            case ALL -> true;
            case LEDGER -> runsLedger();
            case DOWNSTREAM -> runsDownstream();
        };
    }
}
