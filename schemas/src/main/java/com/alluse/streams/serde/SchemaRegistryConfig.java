package com.alluse.streams.serde;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validated serde and registry settings, read from Confluent's config names so the same map works
 * with Confluent's serdes.
 *
 * @param urls registry base URLs, tried in order until one is reachable; empty for {@code mock://}
 * @param mockScope the scope of {@code mock://scope}, or null for a real registry
 * @param autoRegisterSchemas register the record's schema on serialize (default true)
 * @param useLatestVersion without auto-registration, write with the subject's latest version
 * @param specificAvroReader decode into generated classes (must be true for these serdes)
 * @param basicAuthUserInfo {@code user:password}, or null
 * @param credentialsSource where basic-auth credentials come from
 * @param connectTimeoutMs TCP connect timeout per request
 * @param requestTimeoutMs timeout of one HTTP request, until the response headers arrive
 * @param maxRetries retries of a request after an I/O error or an HTTP 5xx (4xx is final)
 * @param retryBackoffMs first backoff between retries, doubled per retry
 * @param retryBackoffMaxMs the largest backoff between retries
 * @param cacheCapacity bound of each client cache (schema to id, id to schema, latest versions)
 * @param latestCacheTtlMs how long a subject's latest version is cached; -1 = until evicted
 */
public record SchemaRegistryConfig(
        List<URI> urls,
        String mockScope,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        boolean specificAvroReader,
        String basicAuthUserInfo,
        CredentialsSource credentialsSource,
        long connectTimeoutMs,
        long requestTimeoutMs,
        int maxRetries,
        long retryBackoffMs,
        long retryBackoffMaxMs,
        int cacheCapacity,
        long latestCacheTtlMs) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_REQUEST_TIMEOUT_MS = "http.request.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String CACHE_CAPACITY = "schema.registry.cache.capacity";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

    public static final String MOCK_URL_PREFIX = "mock://";

    static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    static final int DEFAULT_MAX_RETRIES = 3;
    static final long DEFAULT_RETRY_BACKOFF_MS = 200;
    static final long DEFAULT_RETRY_BACKOFF_MAX_MS = 5_000;
    static final int DEFAULT_CACHE_CAPACITY = 1_000;
    static final long DEFAULT_LATEST_CACHE_TTL_SEC = 60;
    // Guards against typos such as a timeout in microseconds blocking a stream thread for days.
    private static final long MAX_TIMEOUT_MS = 600_000;
    private static final int MAX_RETRIES_BOUND = 20;

    /** Where basic-auth credentials come from (Confluent's {@code basic.auth.credentials.source}). */
    public enum CredentialsSource {
        /** From {@code basic.auth.user.info}. */
        USER_INFO,
        /** From the user-info part of each URL, e.g. {@code http://user:pw@host:8081}. */
        URL
    }

    public SchemaRegistryConfig {
        urls = List.copyOf(urls);
        Objects.requireNonNull(credentialsSource, "credentialsSource");
        if (urls.isEmpty() == (mockScope == null)) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " needs either http(s) URLs or one mock:// URL");
        }
        if (!specificAvroReader) {
            throw new ConfigException(
                    SPECIFIC_AVRO_READER, false, "these serdes always read generated SpecificRecord classes");
        }
        if (credentialsSource == CredentialsSource.USER_INFO
                && (basicAuthUserInfo == null || basicAuthUserInfo.indexOf(':') < 0)) {
            throw new ConfigException(
                    BASIC_AUTH_USER_INFO,
                    "(hidden)",
                    "must be user:password when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
        }
        requireRange(HTTP_CONNECT_TIMEOUT_MS, connectTimeoutMs, 1, MAX_TIMEOUT_MS);
        requireRange(HTTP_REQUEST_TIMEOUT_MS, requestTimeoutMs, 1, MAX_TIMEOUT_MS);
        requireRange(MAX_RETRIES, maxRetries, 0, MAX_RETRIES_BOUND);
        requireRange(RETRIES_WAIT_MS, retryBackoffMs, 0, MAX_TIMEOUT_MS);
        requireRange(RETRIES_MAX_WAIT_MS, retryBackoffMaxMs, retryBackoffMs, MAX_TIMEOUT_MS);
        requireRange(CACHE_CAPACITY, cacheCapacity, 1, 1_000_000);
        if (latestCacheTtlMs < -1) {
            throw new ConfigException(LATEST_CACHE_TTL_SEC, latestCacheTtlMs / 1000, "must be -1 or >= 0");
        }
    }

    /** Parses and validates a Kafka-style config map; unknown keys are ignored. */
    public static SchemaRegistryConfig fromMap(Map<String, ?> configs) {
        Objects.requireNonNull(configs, "configs");
        String rawUrls = joinedString(configs.get(SCHEMA_REGISTRY_URL));
        if (rawUrls == null || rawUrls.isBlank()) {
            throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL
                    + "\" (http(s)://host:port[/path], comma-separated, or mock://<scope>)");
        }
        List<URI> urls = new ArrayList<>();
        String mockScope = parseUrls(rawUrls, urls);
        String userInfo = string(configs, BASIC_AUTH_USER_INFO);
        return new SchemaRegistryConfig(
                urls,
                mockScope,
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                bool(configs, SPECIFIC_AVRO_READER, true),
                userInfo,
                credentialsSource(string(configs, BASIC_AUTH_CREDENTIALS_SOURCE), userInfo),
                number(configs, HTTP_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS),
                number(configs, HTTP_REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS),
                intNumber(configs, MAX_RETRIES, DEFAULT_MAX_RETRIES),
                number(configs, RETRIES_WAIT_MS, DEFAULT_RETRY_BACKOFF_MS),
                number(configs, RETRIES_MAX_WAIT_MS, DEFAULT_RETRY_BACKOFF_MAX_MS),
                intNumber(configs, CACHE_CAPACITY, DEFAULT_CACHE_CAPACITY),
                latestTtlMs(number(configs, LATEST_CACHE_TTL_SEC, DEFAULT_LATEST_CACHE_TTL_SEC)));
    }

    /** Whether {@code schema.registry.url} is {@code mock://scope}. */
    public boolean isMock() {
        return mockScope != null;
    }

    @Override
    public String toString() {
        // Never print the password.
        String user = basicAuthUserInfo == null ? "none" : basicAuthUserInfo.split(":", 2)[0] + ":***";
        return "SchemaRegistryConfig[urls=" + (isMock() ? MOCK_URL_PREFIX + mockScope : redacted(urls))
                + ", autoRegisterSchemas=" + autoRegisterSchemas + ", useLatestVersion=" + useLatestVersion
                + ", basicAuth=" + user + ", credentialsSource=" + credentialsSource
                + ", connectTimeoutMs=" + connectTimeoutMs + ", requestTimeoutMs=" + requestTimeoutMs
                + ", maxRetries=" + maxRetries + ", retryBackoffMs=" + retryBackoffMs
                + ", retryBackoffMaxMs=" + retryBackoffMaxMs + ", cacheCapacity=" + cacheCapacity
                + ", latestCacheTtlMs=" + latestCacheTtlMs + "]";
    }

    private static String parseUrls(String rawUrls, List<URI> out) {
        List<String> parts = new ArrayList<>();
        for (String part : rawUrls.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        if (parts.stream().anyMatch(p -> p.startsWith(MOCK_URL_PREFIX))) {
            String scope = parts.get(0).substring(MOCK_URL_PREFIX.length());
            if (parts.size() != 1 || scope.isEmpty()) {
                throw new ConfigException(
                        SCHEMA_REGISTRY_URL,
                        rawUrls,
                        "a mock:// URL must be the only URL and name a scope, e.g. mock://my-test");
            }
            return scope;
        }
        for (String part : parts) {
            out.add(parseHttpUrl(part, rawUrls));
        }
        return null;
    }

    private static URI parseHttpUrl(String url, String rawUrls) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, redact(rawUrls), "not a URL: " + redact(e.getMessage()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new ConfigException(
                    SCHEMA_REGISTRY_URL,
                    redact(rawUrls),
                    "each URL must be http(s)://host[:port][/path] without query or fragment, or mock://<scope>");
        }
        // The base URL may carry a path (Apicurio: /apis/ccompat/v7); request paths are appended.
        return URI.create(url.replaceAll("/+$", ""));
    }

    private static CredentialsSource credentialsSource(String raw, String userInfo) {
        if (raw == null || raw.isBlank()) {
            return userInfo != null ? CredentialsSource.USER_INFO : CredentialsSource.URL;
        }
        try {
            return CredentialsSource.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, raw, "supported: USER_INFO, URL");
        }
    }

    private static long latestTtlMs(long seconds) {
        if (seconds < -1 || seconds > Long.MAX_VALUE / 1000) {
            throw new ConfigException(LATEST_CACHE_TTL_SEC, seconds, "must be -1 (no expiry) or >= 0");
        }
        return seconds == -1 ? -1 : seconds * 1000;
    }

    private static String joinedString(Object value) {
        if (value instanceof Collection<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value == null ? null : value.toString();
    }

    private static String string(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        return value == null || value.toString().isBlank()
                ? null
                : value.toString().trim();
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(key, value, "must be true or false");
    }

    private static long number(Map<String, ?> configs, String key, long defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "must be a whole number");
        }
    }

    private static int intNumber(Map<String, ?> configs, String key, int defaultValue) {
        long value = number(configs, key, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ConfigException(key, value, "out of range");
        }
        return (int) value;
    }

    private static void requireRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key, value, "must be between " + min + " and " + max);
        }
    }

    private static String redacted(List<URI> urls) {
        return urls.stream().map(u -> redact(u.toString())).toList().toString();
    }

    /** Hides {@code user:password@} in URLs for messages and logs. */
    private static String redact(String text) {
        return text == null ? null : text.replaceAll("//[^/@,\\s]*@", "//***@");
    }
}
