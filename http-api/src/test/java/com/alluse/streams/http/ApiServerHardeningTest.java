package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alluse.streams.topology.CapturedLogs;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication, token reload, rate limits and request bounds over real HTTP. No Kafka is needed: before
 * {@code attach} every data route answers 503 once a request got past them, which tells it apart from 401,
 * 403, 429, 413, 414 and 431.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiServerHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RELOAD_INTERVAL = Duration.ofMillis(50);
    private static final String ADMIN = "admin-s3cret-1";
    private static final String VIEWER = "viewer-s3cret-1";

    @TempDir
    Path dir;

    private Path tokensFile;
    private ApiServer api;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeEach
    void writeTokens() throws IOException {
        tokensFile = Files.writeString(dir.resolve("tokens"), "admin " + ADMIN + "\nviewer " + VIEWER + "\n");
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private void start(HttpSettings.RateLimit rateLimit) {
        HttpSettings local = HttpSettings.local("127.0.0.1", 0);
        api = ApiServer.start(
                new HttpSettings(
                        local.bindHost(),
                        0,
                        local.advertisedHost(),
                        new HttpSettings.Tokens(Map.of(), tokensFile, RELOAD_INTERVAL),
                        null,
                        local.forwardTimeout(),
                        local.commandResultTimeout(),
                        local.consistencyWait(),
                        local.maxLedgerPageSize(),
                        local.maxWaitingCommands(),
                        local.idempotencyRetention(),
                        rateLimit,
                        HttpSettings.RequestLimits.DEFAULTS),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @Test
    void shouldRefuseMissingWrongAndUnderprivilegedTokensAndPassTheRightOne() throws Exception {
        start(null);

        HttpResponse<String> missing = get("/instances", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(get("/instances", ADMIN.substring(0, ADMIN.length() - 1)).statusCode())
                .isEqualTo(401);
        assertThat(get("/instances", ADMIN + "x").statusCode()).isEqualTo(401);
        assertThat(get("/instances", VIEWER).statusCode()).isEqualTo(403);
        assertThat(get("/instances", ADMIN).statusCode())
                .as("past authentication")
                .isEqualTo(503);
        assertThat(get("/health/live", null).statusCode())
                .as("probes need no token")
                .isEqualTo(200);
    }

    @Test
    void shouldAcceptAnAddedTokenAndRefuseARemovedOneWithoutARestart() throws Exception {
        start(null);
        Files.writeString(tokensFile, "admin admin-s3cret-2\n");

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(
                        () -> assertThat(get("/instances", "admin-s3cret-2").statusCode())
                                .isEqualTo(503));
        assertThat(get("/instances", ADMIN).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceATokenSpentItsBurstAndLimitEachTokenOnItsOwn() throws Exception {
        start(new HttpSettings.RateLimit(0.2, 3, 100));

        for (int i = 0; i < 3; i++) {
            assertThat(get("/portfolios/P1", VIEWER).statusCode())
                    .as("request %d", i)
                    .isEqualTo(503);
        }
        HttpResponse<String> limited = get("/portfolios/P1", VIEWER);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
        assertThat(limited.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(ApiServer.PROBLEM_JSON));
        assertThat(JSON.readTree(limited.body()).path("status").asInt()).isEqualTo(429);
        assertThat(get("/portfolios/P1", ADMIN).statusCode())
                .as("another token")
                .isEqualTo(503);
        assertThat(get("/health/ready", null).statusCode())
                .as("probes are not limited")
                .isEqualTo(503);
        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldBoundTheUriTheHeadersAndADeclaredBody() throws Exception {
        start(null);
        HttpSettings.RequestLimits limits = HttpSettings.RequestLimits.DEFAULTS;

        HttpResponse<String> longQuery = get("/accounts/P1:GEN/ledger?x=" + "a".repeat(limits.maxUriLength()), ADMIN);
        assertThat(longQuery.statusCode()).isEqualTo(414);
        assertThat(JSON.readTree(longQuery.body()).path("status").asInt()).isEqualTo(414);
        assertThat(get("/" + "p".repeat(limits.maxUriLength()), null).statusCode())
                .as("unrouted paths too")
                .isEqualTo(414);

        HttpRequest bigHeader = request("/portfolios/P1", ADMIN)
                .header("X-Filler", "h".repeat(limits.maxHeaderBytes()))
                .GET()
                .build();
        assertThat(client.send(bigHeader, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(431);

        String tooLarge = declaringABody("/portfolios/P1/commands", ADMIN, limits.maxBodyBytes() + 1);
        assertThat(tooLarge).startsWith("HTTP/1.1 413 ");
        String body = tooLarge.substring(tooLarge.indexOf("\r\n\r\n") + 4);
        assertThat(JSON.readTree(body).path("status").asInt()).isEqualTo(413);
    }

    /**
     * Sends a POST's headers declaring {@code contentLength} bytes, and none of the body, and reads the
     * answer to its end. The server answers from the declared length without reading the body; a client
     * that was still writing a body that large got a broken pipe instead of the answer now and then (the
     * JDK client reported "header parser received no bytes" in a clean-clone run).
     */
    private String declaringABody(String path, String token, long contentLength) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(10));
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nIdempotency-Key: c1\r\nContent-Type: application/json\r\nConnection: close"
                    + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldWriteNoTokenIntoAnyLogLine() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            start(new HttpSettings.RateLimit(1, 1, 100));
            get("/instances", ADMIN);
            assertThat(get("/instances", ADMIN).statusCode()).isEqualTo(429);
            get("/instances", "wrong-s3cret");
            get("/instances", VIEWER);
            Files.writeString(tokensFile, "s3cret-swapped-with-its-role admin\nadmin admin-s3cret-3\n");
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> get("/instances", ADMIN).statusCode() == 503
                            && logs.lines().stream().anyMatch(line -> line.contains("Keeping the")));
            Files.writeString(tokensFile, "admin admin-s3cret-3\n");
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> get("/instances", "admin-s3cret-3").statusCode() == 503);
            api.close();
            api = null;

            List<String> lines = logs.lines();
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("Reloaded the bearer tokens"));
            assertThat(String.join("\n", lines)).doesNotContainIgnoringCase("s3cret");
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return client.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
