package com.alluse.streams.cli;

import com.alluse.streams.http.BearerTokens;
import com.alluse.streams.http.HttpSettings;
import com.alluse.streams.http.Role;
import com.alluse.streams.http.TokenFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The HTTP API's options. Tokens come from a file or the environment, never the command line (ps shows it). */
final class HttpOptions {
    @Option(
            names = "--http-host",
            defaultValue = "${env:ALLUSE_HTTP_HOST:-127.0.0.1}",
            description = "Interface the HTTP API listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(
            names = "--http-port",
            defaultValue = "${env:ALLUSE_HTTP_PORT:-8080}",
            description = "HTTP API port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--advertised-host",
            defaultValue = "${env:ALLUSE_ADVERTISED_HOST}",
            description =
                    "Host other instances reach this one at (application.server); default: --http-host, or the host name when that is 0.0.0.0.")
    String advertisedHost;

    @Option(
            names = "--http-tokens-file",
            defaultValue = "${env:ALLUSE_HTTP_TOKENS_FILE}",
            description =
                    "File of '<role> <token>' lines (roles: viewer, operator, admin), re-read when it changes. Env ALLUSE_HTTP_TOKENS='role:token,...' also works. None: no authentication.")
    Path tokensFile;

    @Option(
            names = "--http-tokens-reload-interval",
            defaultValue = "PT5S",
            description =
                    "How often the tokens file is checked for changes, at most (default: ${DEFAULT-VALUE}; 10 ms..1 h).")
    Duration tokensReloadInterval;

    @Option(
            names = "--http-rate-limit",
            defaultValue = "${env:ALLUSE_HTTP_RATE_LIMIT:-100}",
            description =
                    "Requests per second per bearer token, answered 429 with Retry-After beyond it; 0: no limit (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(
            names = "--http-rate-burst",
            defaultValue = "${env:ALLUSE_HTTP_RATE_BURST:-200}",
            description = "Requests a token may send at once above its rate (default: ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(
            names = "--tls-keystore",
            defaultValue = "${env:ALLUSE_TLS_KEYSTORE}",
            description = "PKCS12/JKS keystore: serve HTTPS.")
    Path keystore;

    @Option(
            names = "--tls-truststore",
            defaultValue = "${env:ALLUSE_TLS_TRUSTSTORE}",
            description = "Truststore for requests forwarded to other instances.")
    Path truststore;

    @Option(
            names = "--command-timeout",
            defaultValue = "PT5S",
            description = "How long POST /commands waits for the result before 202 (default: ${DEFAULT-VALUE}).")
    Duration commandTimeout;

    HttpSettings settings(Duration idempotencyRetention) throws IOException {
        HttpSettings local = HttpSettings.local(host, port);
        HttpSettings.Tls tls = keystore == null
                ? null
                : new HttpSettings.Tls(
                        keystore,
                        requiredEnv("ALLUSE_TLS_KEYSTORE_PASSWORD"),
                        truststore,
                        System.getenv("ALLUSE_TLS_TRUSTSTORE_PASSWORD"));
        return new HttpSettings(
                host,
                port,
                advertised(),
                tokens(),
                tls,
                local.forwardTimeout(),
                commandTimeout,
                local.consistencyWait(),
                local.maxLedgerPageSize(),
                local.maxWaitingCommands(),
                idempotencyRetention,
                rateLimit == 0 ? null : new HttpSettings.RateLimit(rateLimit, rateBurst, BearerTokens.MAX_TOKENS),
                local.requestLimits());
    }

    private String advertised() throws IOException {
        if (advertisedHost != null && !advertisedHost.isBlank()) {
            return advertisedHost;
        }
        return "0.0.0.0".equals(host) ? java.net.InetAddress.getLocalHost().getHostName() : host;
    }

    /** Env tokens are fixed; the file's are re-read by the API when it changes. */
    private HttpSettings.Tokens tokens() {
        String fromEnv = System.getenv("ALLUSE_HTTP_TOKENS");
        Map<String, Role> fixed =
                fromEnv == null || fromEnv.isBlank() ? Map.of() : TokenFile.parseList(fromEnv, "ALLUSE_HTTP_TOKENS");
        return new HttpSettings.Tokens(fixed, tokensFile, tokensReloadInterval);
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " must hold the keystore password when --tls-keystore is given");
        }
        return value;
    }
}
