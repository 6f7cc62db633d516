package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountCommand;

/**
 * SHA-256 of what a command asks for (portfolio and payload, not its event time), so a resend of
 * the same command is told apart from a different command reusing its id.
 */
public final class CommandFingerprint {
    private final AvroFingerprint fingerprint = new AvroFingerprint(
            AccountCommand.getClassSchema().getField("payload").schema());

    public byte[] of(AccountCommand command) {
        return fingerprint.of(command.getPortfolioId(), command.getPayload());
    }
}
