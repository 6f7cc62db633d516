package com.alluse.streams.cli;

import com.alluse.streams.http.HttpSettings;
import com.alluse.streams.http.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
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
                    "File of '<role> <token>' lines (roles: viewer, operator, admin). Env ALLUSE_HTTP_TOKENS='role:token,...' also works. None: no authentication.")
    Path tokensFile;

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
                idempotencyRetention);
    }

    private String advertised() throws IOException {
        if (advertisedHost != null && !advertisedHost.isBlank()) {
            return advertisedHost;
        }
        return "0.0.0.0".equals(host) ? java.net.InetAddress.getLocalHost().getHostName() : host;
    }

    private Map<String, Role> tokens() throws IOException {
        Map<String, Role> tokens = new HashMap<>();
        String fromEnv = System.getenv("ALLUSE_HTTP_TOKENS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            for (String pair : fromEnv.split(",")) {
                addToken(tokens, pair.trim().split(":", 2), "ALLUSE_HTTP_TOKENS");
            }
        }
        if (tokensFile != null) {
            for (String line : Files.readAllLines(tokensFile)) {
                if (!line.isBlank() && !line.trim().startsWith("#")) {
                    addToken(tokens, line.trim().split("\\s+", 2), tokensFile.toString());
                }
            }
        }
        return tokens;
    }

    private static void addToken(Map<String, Role> tokens, String[] roleAndToken, String source) {
        if (roleAndToken.length != 2 || roleAndToken[1].isBlank()) {
            throw new IllegalArgumentException("Bad token entry in " + source + ": expected '<role> <token>'");
        }
        Role role = Role.valueOf(roleAndToken[0].trim().toUpperCase(Locale.ROOT));
        tokens.put(roleAndToken[1].trim(), role);
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " must hold the keystore password when --tls-keystore is given");
        }
        return value;
    }
}
