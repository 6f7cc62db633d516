package com.alluse.streams.connect.webhook;

import java.util.Objects;

/**
 * One event as it is POSTed.
 *
 * @param id the idempotency key (the event id)
 * @param type the event type, e.g. ForkCompleted
 * @param body the JSON body, UTF-8
 */
public record WebhookEvent(String id, String type, byte[] body) {
    public WebhookEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
    }
}
