package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The API starts before Kafka Streams: until attach() it is live, not ready, and data routes answer 503. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ApiServerBeforeAttachTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ApiServer api;
    private static HttpClient client;

    @BeforeAll
    static void startWithoutStreams() {
        api = ApiServer.start(
                HttpSettings.local("127.0.0.1", 0), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void isLiveButNotReady() throws Exception {
        HttpResponse<String> live = send("GET", "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("streamsState").asText()).isEqualTo("CREATED");

        HttpResponse<String> ready = send("GET", "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void dataRoutesAnswerServiceUnavailableWithRetryAfter() throws Exception {
        for (String[] request : new String[][] {
            {"GET", "/accounts/P1:GEN"},
            {"GET", "/accounts/P1:GEN/ledger"},
            {"GET", "/accounts/P1:GEN/balance?asOf=2026-01-01T00:00:00Z"},
            {"GET", "/portfolios/P1"},
            {"GET", "/portfolios/P1/commands/c1"},
            {"POST", "/portfolios/P1/commands"},
            {"GET", "/instances"}
        }) {
            HttpResponse<String> response = send(request[0], request[1]);
            String what = request[0] + " " + request[1] + " -> " + response.statusCode() + " " + response.body();
            assertThat(response.statusCode()).as(what).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(what)
                    .hasValueSatisfying(type -> assertThat(type).startsWith(ApiServer.PROBLEM_JSON));
            assertThat(response.headers().firstValue("Retry-After")).as(what).isPresent();
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("status").asInt()).as(what).isEqualTo(503);
            assertThat(problem.path("instance").asText())
                    .as(what)
                    .isEqualTo(URI.create(request[1]).getPath());
        }
    }

    @Test
    void withoutTokensAuthenticationIsOffAndTheDocumentIsServed() throws Exception {
        HttpResponse<String> openApi = send("GET", "/openapi.json");

        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(openApi.body()).path("openapi").asText()).startsWith("3.");
        assertThat(send("GET", "/instances").statusCode())
                .as("no 401 when no tokens are configured")
                .isEqualTo(503);
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (method.equals("POST")) {
            request.header("Idempotency-Key", "c1")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"DEPOSIT\",\"accountId\":\"P1:GEN\",\"amount\":\"1.00\"}"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
