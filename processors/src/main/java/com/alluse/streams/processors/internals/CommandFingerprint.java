package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * SHA-256 of what a command asks for (portfolio and payload, not its event time), so a resend of
 * the same command is told apart from a different command reusing its id.
 */
public final class CommandFingerprint {
    private static final Schema PAYLOAD_SCHEMA =
            AccountCommand.getClassSchema().getField("payload").schema();

    private final SpecificDatumWriter<Object> writer = new SpecificDatumWriter<>(PAYLOAD_SCHEMA);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;

    public byte[] of(AccountCommand command) {
        buffer.reset();
        buffer.writeBytes(command.getPortfolioId().getBytes(StandardCharsets.UTF_8));
        buffer.write(0);
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        try {
            writer.write(command.getPayload(), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha256().digest(buffer.toByteArray());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
