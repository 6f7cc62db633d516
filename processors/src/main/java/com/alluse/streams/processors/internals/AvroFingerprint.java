package com.alluse.streams.processors.internals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * SHA-256 of a scope string and an Avro datum in the binary encoding of this release's schema:
 * the same content gives the same fingerprint whichever writer schema it arrived with. One
 * instance per processor (not thread-safe): it is on the path of every command, so the digest is
 * made once and the encoding goes straight into it, with no buffer to copy.
 */
public final class AvroFingerprint {
    private final SpecificDatumWriter<Object> writer;
    private final MessageDigest digest = sha256();
    private final OutputStream digestInput = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
    private BinaryEncoder encoder;

    public AvroFingerprint(Schema schema) {
        this.writer = new SpecificDatumWriter<>(schema);
    }

    public byte[] of(String scope, Object datum) {
        // Reconfiguring flushes what a failed earlier call left in the encoder: reset after it.
        encoder = EncoderFactory.get().binaryEncoder(digestInput, encoder);
        digest.reset();
        digest.update(scope.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
