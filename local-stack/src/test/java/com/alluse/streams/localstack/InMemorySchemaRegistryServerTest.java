package com.alluse.streams.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.serde.CompatibilityLevel;
import com.alluse.streams.serde.TestSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory registry's HTTP answers, checked at the JSON level against Confluent's conventions. */
class InMemorySchemaRegistryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final InMemorySchemaRegistryServer server = InMemorySchemaRegistryServer.start("127.0.0.1", 0);

    @AfterEach
    void stop() {
        server.close();
    }

    record Reply(int status, JsonNode body, String contentType) {}

    private Reply call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", CONTENT_TYPE)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(
                response.statusCode(),
                JSON.readTree(response.body()),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    private static String schemaBody(org.apache.avro.Schema schema) throws Exception {
        return JSON.writeValueAsString(JSON.createObjectNode().put("schema", schema.toString()));
    }

    @Test
    void shouldListenOnAFreePortWhenAskedForPortZero() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void shouldAnswerRegisterLookupLatestAndSchemaLikeConfluent() throws Exception {
        Reply registered = call("POST", "/subjects/s-value/versions", schemaBody(CalendarEvent.getClassSchema()));
        Reply lookedUp = call("POST", "/subjects/s-value", schemaBody(CalendarEvent.getClassSchema()));
        Reply latest = call("GET", "/subjects/s-value/versions/latest", null);
        Reply byId = call("GET", "/schemas/ids/" + registered.body().get("id").asInt(), null);

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo(CONTENT_TYPE);
        assertThat(registered.body().get("id").asInt()).isPositive();
        assertThat(lookedUp.body().get("subject").asText()).isEqualTo("s-value");
        assertThat(lookedUp.body().get("version").asInt()).isEqualTo(1);
        assertThat(lookedUp.body().get("id")).isEqualTo(registered.body().get("id"));
        assertThat(latest.body()).isEqualTo(lookedUp.body());
        assertThat(byId.body().get("schema").asText())
                .isEqualTo(CalendarEvent.getClassSchema().toString());
        assertThat(call("GET", "/subjects", null).body().toString()).isEqualTo("[\"s-value\"]");
        assertThat(call("GET", "/subjects/s-value/versions", null).body().toString())
                .isEqualTo("[1]");
    }

    @Test
    void shouldSetAndReportCompatibilityLikeConfluent() throws Exception {
        Reply set = call("PUT", "/config/s-value", "{\"compatibility\":\"FULL\"}");

        assertThat(set.body().get("compatibility").asText()).isEqualTo("FULL");
        assertThat(call("GET", "/config/s-value", null)
                        .body()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("FULL");
        assertThat(call("GET", "/config", null).body().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
        assertThat(server.registry().compatibility("s-value")).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void shouldAnswerAnUnknownSubjectWith404And40401() throws Exception {
        Reply reply = call("GET", "/subjects/nope/versions/latest", null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("error_code").asInt()).isEqualTo(40401);
        assertThat(reply.body().get("message").asText()).contains("nope");
    }

    @Test
    void shouldAnswerAnUnknownSchemaIdWith404And40403() throws Exception {
        Reply reply = call("GET", "/schemas/ids/4242", null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("error_code").asInt()).isEqualTo(40403);
    }

    @Test
    void shouldAnswerAnIncompatibleSchemaWith409() throws Exception {
        call("POST", "/subjects/s-value/versions", schemaBody(CalendarEvent.getClassSchema()));

        Reply reply =
                call("POST", "/subjects/s-value/versions", schemaBody(TestSchemas.calendarEventWithRequiredField()));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body().get("error_code").asInt()).isEqualTo(409);
        assertThat(reply.body().get("message").asText())
                .contains("s-value")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void shouldAnswerInvalidInputWith4xx() throws Exception {
        assertThat(call("POST", "/subjects/s/versions", "{\"schema\":\"{not avro\"}")
                        .body()
                        .get("error_code")
                        .asInt())
                .isEqualTo(42201);
        assertThat(call("PUT", "/config/s", "{\"compatibility\":\"SOMETIMES\"}")
                        .body()
                        .get("error_code")
                        .asInt())
                .isEqualTo(42203);
        assertThat(call("POST", "/subjects/s/versions", "not json").status()).isEqualTo(400);
        assertThat(call("DELETE", "/subjects/s/versions", null).status()).isEqualTo(405);
        assertThat(call("GET", "/mode", null).status()).isEqualTo(404);
    }

    @Test
    void shouldServeConcurrentClients() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String subject = "s-" + (i % 8);
                ids.add(clients.submit(() -> call(
                                "POST",
                                "/subjects/" + subject + "/versions",
                                schemaBody(CalendarEvent.getClassSchema()))
                        .body()
                        .get("id")
                        .asInt()));
            }
            for (Future<Integer> id : ids) {
                assertThat(id.get(10, TimeUnit.SECONDS)).isEqualTo(1); // same schema, same id everywhere
            }
            assertThat(server.registry().subjects()).hasSize(8);
        } finally {
            clients.shutdownNow();
        }
    }
}
