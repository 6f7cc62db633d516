package com.alluse.streams.connect.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one event with its idempotency key and signature, retrying transient failures (I/O
 * errors, timeouts, 408, 429, 5xx) with exponential backoff up to the configured retries.
 * Thread-safe.
 */
final class WebhookClient {
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final String EVENT_TYPE_HEADER = "X-Alluse-Event-Type";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookClient.class);

    private final WebhookSinkConfig config;
    private final WebhookSigner signer;
    private final HttpClient http;

    WebhookClient(WebhookSinkConfig config) {
        this.config = config;
        this.signer = new WebhookSigner(config.secret().value());
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Delivers the event, blocking through retries.
     *
     * @throws PermanentDeliveryException when the receiver refuses it or retries are exhausted
     */
    void deliver(WebhookEvent event) throws PermanentDeliveryException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(config.url())
                .timeout(Duration.ofMillis(config.requestTimeoutMs()))
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_HEADER, event.id())
                .header(EVENT_TYPE_HEADER, event.type())
                .header(WebhookSigner.HEADER, signer.sign(event.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()))
                .build();
        for (int retry = 0; ; retry++) {
            String failure = attempt(request, event);
            if (failure == null) {
                return;
            }
            if (retry >= config.maxRetries()) {
                throw new PermanentDeliveryException(
                        "event " + event.id() + " not delivered after " + (retry + 1) + " attempts: " + failure, null);
            }
            LOG.debug("Event {} attempt {} failed ({}), retrying", event.id(), retry + 1, failure);
            Thread.sleep(config.backoffMs(retry + 1));
        }
    }

    /** @return null when delivered, else why a retry may help */
    private String attempt(HttpRequest request, WebhookEvent event)
            throws PermanentDeliveryException, InterruptedException {
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (status >= 200 && status < 300) {
            return null;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return "HTTP " + status;
        }
        throw new PermanentDeliveryException("event " + event.id() + " refused by the receiver: HTTP " + status, null);
    }
}
