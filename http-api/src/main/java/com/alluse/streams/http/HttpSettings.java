package com.alluse.streams.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP API of one instance.
 *
 * @param bindHost interface to listen on
 * @param port port to listen on (0: any free port)
 * @param advertisedHost how other instances reach this one: with the port, Kafka Streams' {@code application.server}
 * @param tokens where the bearer tokens come from; {@link Tokens#none()} disables authentication (local use only)
 * @param tls keystore for HTTPS, or null for plain HTTP
 * @param forwardTimeout bound on a read forwarded to the key's owner
 * @param commandResultTimeout how long a command submission waits for its result before answering 202
 * @param consistencyWait how long a read with a consistency token waits for the store to reach it
 * @param maxLedgerPageSize largest page of ledger entries one request may ask for
 * @param maxWaitingCommands bound on submissions waiting for their results at once
 * @param idempotencyRetention how long the pipeline remembers command ids (bounds the receipt lookup)
 * @param rateLimit requests per bearer token, or null for none (without authentication there is no token to limit)
 * @param requestLimits bounds on the size of every request
 */
public record HttpSettings(
        String bindHost,
        int port,
        String advertisedHost,
        Tokens tokens,
        Tls tls,
        Duration forwardTimeout,
        Duration commandResultTimeout,
        Duration consistencyWait,
        int maxLedgerPageSize,
        int maxWaitingCommands,
        Duration idempotencyRetention,
        RateLimit rateLimit,
        RequestLimits requestLimits) {

    public HttpSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(requestLimits, "requestLimits");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
        if (maxLedgerPageSize < 1 || maxLedgerPageSize > 10_000) {
            throw new IllegalArgumentException("maxLedgerPageSize must be within 1..10000, got " + maxLedgerPageSize);
        }
        if (maxWaitingCommands < 1) {
            throw new IllegalArgumentException("maxWaitingCommands must be positive, got " + maxWaitingCommands);
        }
    }

    /** Local defaults: no authentication, no rate limit, no TLS, short bounded waits, default request bounds. */
    public static HttpSettings local(String host, int port) {
        return new HttpSettings(
                host,
                port,
                host,
                Tokens.none(),
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                500,
                10_000,
                Duration.ofDays(7),
                null,
                RequestLimits.DEFAULTS);
    }

    /**
     * Bearer tokens: fixed ones (e.g. from the environment) and, optionally, a file of
     * {@code <role> <token>} lines re-read when it changes, checked at most once per reload interval.
     * Authentication is on as soon as either is given, even if the file holds no token yet.
     */
    public record Tokens(Map<String, Role> fixed, Path file, Duration reloadInterval) {
        public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);
        static final Duration MIN_RELOAD_INTERVAL = Duration.ofMillis(10);
        static final Duration MAX_RELOAD_INTERVAL = Duration.ofHours(1);

        public Tokens {
            fixed = Map.copyOf(fixed);
            if (fixed.size() > BearerTokens.MAX_TOKENS) {
                throw new IllegalArgumentException("at most " + BearerTokens.MAX_TOKENS + " bearer tokens");
            }
            if (reloadInterval.compareTo(MIN_RELOAD_INTERVAL) < 0
                    || reloadInterval.compareTo(MAX_RELOAD_INTERVAL) > 0) {
                throw new IllegalArgumentException("reloadInterval must be within " + MIN_RELOAD_INTERVAL + ".."
                        + MAX_RELOAD_INTERVAL + ", got " + reloadInterval);
            }
        }

        /** Authentication off. */
        public static Tokens none() {
            return of(Map.of());
        }

        /** Fixed tokens only (token -> role). */
        public static Tokens of(Map<String, Role> fixed) {
            return new Tokens(fixed, null, DEFAULT_RELOAD_INTERVAL);
        }
    }

    /**
     * Per-token token bucket: {@code burst} requests at once, refilled at {@code requestsPerSecond}; at
     * most {@code maxTrackedKeys} buckets (least recently used dropped first).
     */
    public record RateLimit(double requestsPerSecond, int burst, int maxTrackedKeys) {
        public static final RateLimit DEFAULTS = new RateLimit(100, 200, BearerTokens.MAX_TOKENS);

        public RateLimit {
            // At least 0.01/s: Retry-After then stays within 100 s.
            if (!(requestsPerSecond >= 0.01) || requestsPerSecond > 1_000_000) {
                throw new IllegalArgumentException(
                        "requestsPerSecond must be within 0.01..1000000, got " + requestsPerSecond);
            }
            if (burst < 1 || burst > 1_000_000) {
                throw new IllegalArgumentException("burst must be within 1..1000000, got " + burst);
            }
            if (maxTrackedKeys < 1 || maxTrackedKeys > 1_000_000) {
                throw new IllegalArgumentException("maxTrackedKeys must be within 1..1000000, got " + maxTrackedKeys);
            }
        }
    }

    /**
     * Bounds on one request. Jetty answers 431 beyond {@code maxHeaderBytes} (the request line, i.e. method,
     * path and query, plus every header); the API answers 414 beyond {@code maxUriLength} (path and query) and
     * 413 beyond {@code maxBodyBytes}.
     */
    public record RequestLimits(int maxHeaderBytes, int maxUriLength, long maxBodyBytes) {
        /** Commands are well under 1 KiB and ids at most a few hundred characters. */
        public static final RequestLimits DEFAULTS = new RequestLimits(8 * 1024, 2 * 1024, 64 * 1024);

        public RequestLimits {
            if (maxHeaderBytes < 1024 || maxHeaderBytes > 1024 * 1024) {
                throw new IllegalArgumentException(
                        "maxHeaderBytes must be within 1024..1048576, got " + maxHeaderBytes);
            }
            if (maxUriLength < 256 || maxUriLength > maxHeaderBytes) {
                throw new IllegalArgumentException(
                        "maxUriLength must be within 256..maxHeaderBytes, got " + maxUriLength);
            }
            if (maxBodyBytes < 1024 || maxBodyBytes > 16L * 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be within 1024..16777216, got " + maxBodyBytes);
            }
        }
    }

    /** HTTPS key material; the truststore (optional) is what forwarded requests trust. */
    public record Tls(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(keystorePassword, "keystorePassword");
        }
    }
}
