package com.alluse.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.connect.webhook.WebhookReceiver.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookClientTest {
    private static final WebhookEvent EVENT =
            new WebhookEvent("c7/0", "ForkCompleted", "{\"eventId\":\"c7/0\"}".getBytes(StandardCharsets.UTF_8));

    private static WebhookClient client(WebhookReceiver receiver, int maxRetries) {
        Map<String, String> props = WebhookSinkConfigTest.props(receiver.url().toString());
        props.put(WebhookSinkConfig.MAX_RETRIES, Integer.toString(maxRetries));
        props.put(WebhookSinkConfig.RETRY_BACKOFF_MS, "1");
        props.put(WebhookSinkConfig.RETRY_BACKOFF_MAX_MS, "4");
        props.put(WebhookSinkConfig.REQUEST_TIMEOUT_MS, "300");
        return new WebhookClient(WebhookSinkConfig.fromProps(props));
    }

    @Test
    void shouldSendTheIdempotencyKeyTypeAndSignatureWhenDelivering() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> Answer.ok())) {
            client(receiver, 0).deliver(EVENT);

            WebhookReceiver.Request request = receiver.requests().get(0);
            assertThat(request.idempotencyKey()).isEqualTo("c7/0");
            assertThat(request.eventType()).isEqualTo("ForkCompleted");
            assertThat(request.signature()).isEqualTo(new WebhookSigner("s3cret").sign(EVENT.body()));
            assertThat(request.body()).isEqualTo(EVENT.body());
        }
    }

    @Test
    void shouldRetryWhenTheReceiverFailsTransiently() throws Exception {
        int[] statuses = {500, 503, 429, 408, 200};
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> new Answer(statuses[n - 1], 0))) {
            client(receiver, 4).deliver(EVENT);

            assertThat(receiver.requests()).hasSize(5);
            assertThat(receiver.accepted()).containsOnlyKeys("c7/0");
        }
    }

    @Test
    void shouldRetryWhenTheReceiverAnswersAfterTheRequestTimeout() throws Exception {
        try (WebhookReceiver receiver =
                WebhookReceiver.start((n, request) -> n == 1 ? new Answer(200, 2_000) : Answer.ok())) {
            client(receiver, 1).deliver(EVENT);

            assertThat(receiver.requests()).hasSize(2);
        }
    }

    @Test
    void shouldFailForGoodWithoutRetryingWhenTheReceiverRefusesTheEvent() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> new Answer(422, 0))) {
            assertThatThrownBy(() -> client(receiver, 5).deliver(EVENT))
                    .isInstanceOf(PermanentDeliveryException.class)
                    .hasMessageContaining("HTTP 422");
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void shouldFailForGoodWhenTheRetriesAreExhausted() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> new Answer(503, 0))) {
            assertThatThrownBy(() -> client(receiver, 2).deliver(EVENT))
                    .isInstanceOf(PermanentDeliveryException.class)
                    .hasMessageContaining("after 3 attempts");
            assertThat(receiver.requests()).hasSize(3);
        }
    }
}
