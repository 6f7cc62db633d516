package com.alluse.streams.processors;

import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.ReasonCode;

/**
 * What the idempotency store remembers of a command: its first outcome and where the command was
 * read. The public face of the internal receipt schema, for interactive queries.
 *
 * @param reasonCode null unless the outcome is REJECTED
 */
public record StoredReceipt(
        String commandId, CommandOutcome outcome, ReasonCode reasonCode, int commandPartition, long commandOffset) {}
