package com.alluse.streams.connect.webhook;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Validated settings of the webhook sink.
 *
 * @param url where events are POSTed (http or https)
 * @param secret HMAC-SHA256 key of the signature header
 * @param eventTypes the event types delivered (the member names of the type field's union); empty = every event
 * @param typeField the field of the record value whose union member (or string value) is the event type
 * @param idField the field of the record value that is the idempotency key
 * @param connectTimeoutMs TCP connect timeout
 * @param requestTimeoutMs timeout of one request until the response headers arrive
 * @param maxRetries retries of a delivery after a transient failure (I/O, timeout, 408, 429, 5xx)
 * @param retryBackoffMs first backoff, doubled per retry
 * @param retryBackoffMaxMs the largest backoff
 * @param maxInFlight deliveries under way at once; put() waits when this many are pending
 */
public record WebhookSinkConfig(
        URI url,
        Password secret,
        Set<String> eventTypes,
        String typeField,
        String idField,
        int connectTimeoutMs,
        int requestTimeoutMs,
        int maxRetries,
        long retryBackoffMs,
        long retryBackoffMaxMs,
        int maxInFlight) {

    public static final String URL = "webhook.url";
    public static final String SECRET = "webhook.secret";
    public static final String EVENT_TYPES = "webhook.event.types";
    public static final String TYPE_FIELD = "webhook.event.type.field";
    public static final String ID_FIELD = "webhook.event.id.field";
    public static final String CONNECT_TIMEOUT_MS = "webhook.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "webhook.request.timeout.ms";
    public static final String MAX_RETRIES = "webhook.max.retries";
    public static final String RETRY_BACKOFF_MS = "webhook.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "webhook.retry.backoff.max.ms";
    public static final String MAX_IN_FLIGHT = "webhook.max.in.flight.requests";

    // Bounds keep one delivery's worst case (retries x (timeout + backoff)) well inside the
    // consumer's max.poll.interval.ms (5 min), since offsets are committed only after delivery.
    private static final int MAX_TIMEOUT_MS = 60_000;
    private static final int MAX_RETRIES_BOUND = 10;
    private static final long MAX_BACKOFF_MS = 30_000;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    URL,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    WebhookSinkConfig::validateUrl,
                    Importance.HIGH,
                    "http(s) URL the events are POSTed to.")
            .define(
                    SECRET,
                    Type.PASSWORD,
                    ConfigDef.NO_DEFAULT_VALUE,
                    Importance.HIGH,
                    "Key of the HMAC-SHA256 signature sent in X-Alluse-Signature: sha256=<hex of HMAC(body)>.")
            .define(
                    EVENT_TYPES,
                    Type.LIST,
                    "",
                    Importance.HIGH,
                    "Event types to deliver, e.g. ForkCompleted,MergeCompleted,DrawdownBreach,BufferBreach; empty = all.")
            .define(
                    TYPE_FIELD,
                    Type.STRING,
                    "payload",
                    new ConfigDef.NonEmptyString(),
                    Importance.LOW,
                    "Field whose union member name (or string value) is the event type.")
            .define(
                    ID_FIELD,
                    Type.STRING,
                    "eventId",
                    new ConfigDef.NonEmptyString(),
                    Importance.LOW,
                    "Field sent as the Idempotency-Key header.")
            .define(
                    CONNECT_TIMEOUT_MS,
                    Type.INT,
                    5_000,
                    Range.between(1, MAX_TIMEOUT_MS),
                    Importance.LOW,
                    "TCP connect timeout.")
            .define(
                    REQUEST_TIMEOUT_MS,
                    Type.INT,
                    10_000,
                    Range.between(1, MAX_TIMEOUT_MS),
                    Importance.MEDIUM,
                    "Timeout of one request until the response headers arrive; a timeout is retried.")
            .define(
                    MAX_RETRIES,
                    Type.INT,
                    5,
                    Range.between(0, MAX_RETRIES_BOUND),
                    Importance.MEDIUM,
                    "Retries after I/O errors, timeouts, 408, 429 and 5xx; other 4xx are permanent at once.")
            .define(
                    RETRY_BACKOFF_MS,
                    Type.LONG,
                    200L,
                    Range.between(0, MAX_BACKOFF_MS),
                    Importance.LOW,
                    "First backoff between retries, doubled per retry.")
            .define(
                    RETRY_BACKOFF_MAX_MS,
                    Type.LONG,
                    5_000L,
                    Range.between(0, MAX_BACKOFF_MS),
                    Importance.LOW,
                    "Largest backoff between retries.")
            .define(
                    MAX_IN_FLIGHT,
                    Type.INT,
                    8,
                    Range.between(1, 256),
                    Importance.MEDIUM,
                    "Deliveries under way at once (the bound of the in-flight queue).");

    public WebhookSinkConfig {
        eventTypes = Set.copyOf(eventTypes);
        if (secret == null || secret.value().isEmpty()) {
            throw new ConfigException(SECRET, "[hidden]", "must not be empty: receivers verify the signature with it");
        }
        if (retryBackoffMaxMs < retryBackoffMs) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS, retryBackoffMaxMs, "must be >= " + RETRY_BACKOFF_MS);
        }
    }

    /** Parses and validates connector properties; throws {@link ConfigException} naming the bad setting. */
    public static WebhookSinkConfig fromProps(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        List<String> types = config.getList(EVENT_TYPES);
        return new WebhookSinkConfig(
                URI.create(config.getString(URL).trim()),
                config.getPassword(SECRET),
                Set.copyOf(types.stream()
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList()),
                config.getString(TYPE_FIELD),
                config.getString(ID_FIELD),
                config.getInt(CONNECT_TIMEOUT_MS),
                config.getInt(REQUEST_TIMEOUT_MS),
                config.getInt(MAX_RETRIES),
                config.getLong(RETRY_BACKOFF_MS),
                config.getLong(RETRY_BACKOFF_MAX_MS),
                config.getInt(MAX_IN_FLIGHT));
    }

    /** Whether an event of this type is delivered. */
    public boolean selects(String eventType) {
        return eventTypes.isEmpty() || eventTypes.contains(eventType);
    }

    /** The backoff before retry {@code retry} (1-based): doubled per retry, capped. */
    public long backoffMs(int retry) {
        long doubled = retryBackoffMs << Math.min(retry - 1, 30);
        return Math.min(doubled, retryBackoffMaxMs);
    }

    private static void validateUrl(String name, Object value) {
        String text = value == null ? "" : value.toString().trim();
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(name, value, "not a URL: " + e.getMessage());
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new ConfigException(name, value, "must be an http(s)://host[:port]/path URL");
        }
    }
}
