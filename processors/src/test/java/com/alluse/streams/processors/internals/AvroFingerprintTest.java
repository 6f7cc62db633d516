package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.Commission;
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
}
