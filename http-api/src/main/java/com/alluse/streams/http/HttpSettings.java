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
 * @param tokens bearer token -> role; empty disables authentication (local use only)
 * @param tls keystore for HTTPS, or null for plain HTTP
 * @param forwardTimeout bound on a read forwarded to the key's owner
 * @param commandResultTimeout how long a command submission waits for its result before answering 202
 * @param consistencyWait how long a read with a consistency token waits for the store to reach it
 * @param maxLedgerPageSize largest page of ledger entries one request may ask for
 * @param maxWaitingCommands bound on submissions waiting for their results at once
 * @param idempotencyRetention how long the pipeline remembers command ids (bounds the receipt lookup)
 */
public record HttpSettings(
        String bindHost,
        int port,
        String advertisedHost,
        Map<String, Role> tokens,
        Tls tls,
        Duration forwardTimeout,
        Duration commandResultTimeout,
        Duration consistencyWait,
        int maxLedgerPageSize,
        int maxWaitingCommands,
        Duration idempotencyRetention) {

    public HttpSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        tokens = Map.copyOf(tokens);
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

    /** Local defaults: no authentication, no TLS, short bounded waits. */
    public static HttpSettings local(String host, int port) {
        return new HttpSettings(
                host,
                port,
                host,
                Map.of(),
                null,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                500,
                10_000,
                Duration.ofDays(7));
    }

    /** HTTPS key material; the truststore (optional) is what forwarded requests trust. */
    public record Tls(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(keystorePassword, "keystorePassword");
        }
    }
}
