package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.Withdrawal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class CommandFingerprintTest {
    private final CommandFingerprint fingerprint = new CommandFingerprint();

    private static AccountCommand command(String portfolioId, long eventTimeMs, Object payload) {
        return AccountCommand.newBuilder()
                .setCommandId("c1")
                .setPortfolioId(portfolioId)
                .setEventTimeMs(eventTimeMs)
                .setPayload(payload)
                .build();
    }

    @Test
    void shouldGiveAResendWithAnotherEventTimeOrCommandIdTheSameFingerprint() {
        AccountCommand resend = command("P1", 2_000L, new Deposit("P1:GEN", 100L));
        resend.setCommandId("other");

        assertThat(fingerprint.of(command("P1", 1_000L, new Deposit("P1:GEN", 100L))))
                .isEqualTo(fingerprint.of(resend));
    }

    @Test
    void shouldTellApartAnotherAmountAccountKindOrPortfolio() {
        byte[] deposit = fingerprint.of(command("P1", 0L, new Deposit("P1:GEN", 100L)));

        assertThat(fingerprint.of(command("P1", 0L, new Deposit("P1:GEN", 101L))))
                .isNotEqualTo(deposit);
        assertThat(fingerprint.of(command("P1", 0L, new Deposit("P1:REV", 100L))))
                .isNotEqualTo(deposit);
        assertThat(fingerprint.of(command("P1", 0L, new Withdrawal("P1:GEN", 100L))))
                .as("same fields, other kind")
                .isNotEqualTo(deposit);
        assertThat(fingerprint.of(command("P2", 0L, new Deposit("P1:GEN", 100L))))
                .isNotEqualTo(deposit);
    }

    @Test
    void shouldGiveTheSameFingerprintWhenReusedForOtherCommandsInBetween() {
        AccountCommand first = command("P1", 0L, new Deposit("P1:GEN", 100L));
        byte[] before = fingerprint.of(first);
        fingerprint.of(command("P-with-a-much-longer-id", 0L, new Withdrawal("P1:REV", 123_456_789L)));

        assertThat(fingerprint.of(first)).isEqualTo(before);
    }

    /** Receipts store fingerprints: a change of the encoding would turn every resend into an idempotency conflict. */
    @Test
    void shouldBeTheSha256OfThePortfolioIdAZeroByteAndTheAvroEncodedPayload() throws Exception {
        AccountCommand command = command("P1", 0L, new Deposit("P1:GEN", 100L));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("P1".getBytes(StandardCharsets.UTF_8));
        expected.write(0);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new SpecificDatumWriter<>(
                        AccountCommand.getClassSchema().getField("payload").schema())
                .write(command.getPayload(), encoder);
        encoder.flush();

        assertThat(fingerprint.of(command))
                .hasSize(32)
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(expected.toByteArray()));
    }
}
