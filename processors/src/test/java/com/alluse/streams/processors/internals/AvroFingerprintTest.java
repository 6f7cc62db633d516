package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.Commission;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class AvroFingerprintTest {
    private final AvroFingerprint fingerprint = new AvroFingerprint(Commission.getClassSchema());

    @Test
    void shouldGiveTheSameFingerprintForTheSameScopeAndContent() {
        assertThat(fingerprint.of("P1", new Commission("P1:GEN", 65L, "x-1")))
                .isEqualTo(fingerprint.of("P1", new Commission("P1:GEN", 65L, "x-1")))
                .hasSize(32);
    }

    @Test
    void shouldTellApartOtherContentAndOtherScopes() {
        byte[] first = fingerprint.of("P1", new Commission("P1:GEN", 65L, "x-1"));

        assertThat(fingerprint.of("P1", new Commission("P1:GEN", 66L, "x-1"))).isNotEqualTo(first);
        assertThat(fingerprint.of("P2", new Commission("P1:GEN", 65L, "x-1"))).isNotEqualTo(first);
    }

    @Test
    void shouldGiveTheSameFingerprintAsAFreshInstanceAfterADatumFailedToEncode() {
        // Fails after its account id is encoded: those bytes must not reach the next fingerprint.
        GenericData.Record unencodable = new GenericData.Record(Commission.getClassSchema());
        unencodable.put("accountId", "P9:GEN");
        assertThatThrownBy(() -> fingerprint.of("P1", unencodable)).isInstanceOf(NullPointerException.class);

        assertThat(fingerprint.of("P1", new Commission("P1:GEN", 65L, "x-1")))
                .isEqualTo(new AvroFingerprint(Commission.getClassSchema())
                        .of("P1", new Commission("P1:GEN", 65L, "x-1")));
    }

    @Test
    void shouldFingerprintTheScopeAZeroByteAndTheBinaryEncodingAsStoredReceiptsWere() throws Exception {
        // Receipts keep fingerprints across releases: a resend after an upgrade must still match.
        Commission commission = new Commission("P1:GEN", 65L, "x-1");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("P1".getBytes(StandardCharsets.UTF_8));
        expected.write(0);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new SpecificDatumWriter<>(Commission.getClassSchema()).write(commission, encoder);
        encoder.flush();

        assertThat(fingerprint.of("P1", commission))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));
    }
}
