package com.alluse.streams.processors.internals;

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
 * SHA-256 of a scope string and an Avro datum in the binary encoding of this release's schema:
 * the same content gives the same fingerprint whichever writer schema it arrived with.
 */
public final class AvroFingerprint {
    private final SpecificDatumWriter<Object> writer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;

    public AvroFingerprint(Schema schema) {
        this.writer = new SpecificDatumWriter<>(schema);
    }

    public byte[] of(String scope, Object datum) {
        buffer.reset();
        buffer.writeBytes(scope.getBytes(StandardCharsets.UTF_8));
        buffer.write(0);
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        try {
            writer.write(datum, encoder);
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
