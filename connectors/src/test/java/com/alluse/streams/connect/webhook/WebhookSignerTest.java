package com.alluse.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    @Test
    void shouldSignWithHmacSha256InLowerCaseHexWhenGivenABody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        String signature =
                new WebhookSigner("Jefe").sign("what do ya want for nothing?".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void shouldGiveDifferentSignaturesWhenTheSecretsDiffer() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(new WebhookSigner("a").sign(body)).isNotEqualTo(new WebhookSigner("b").sign(body));
    }
}
