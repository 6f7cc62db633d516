package com.alluse.streams.serde.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.serde.RegistryJson;
import com.alluse.streams.serde.SchemaNotFoundException;
import com.alluse.streams.serde.SchemaRegistryConfig;
import com.alluse.streams.serde.SchemaRegistryException;
import com.alluse.streams.serde.internals.StubHttpServer.Answer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {
    private static final String CALENDAR = "alluse.calendar-value";

    private static RestSchemaRegistryClient client(String url, Object... extraConfig) {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, url);
        config.put(SchemaRegistryConfig.RETRIES_WAIT_MS, 5);
        config.put(SchemaRegistryConfig.RETRIES_MAX_WAIT_MS, 20);
        for (int i = 0; i < extraConfig.length; i += 2) {
            config.put((String) extraConfig[i], extraConfig[i + 1]);
        }
        return new RestSchemaRegistryClient(SchemaRegistryConfig.fromMap(config));
    }

    private static Schema record(String name) {
        return SchemaBuilder.record(name)
                .namespace("test")
                .fields()
                .requiredString("x")
                .endRecord();
    }

    @Test
    void shouldStopRetryingAServerErrorAfterMaxRetries() {
        try (StubHttpServer stub =
                        new StubHttpServer(new Answer(503, "{\"error_code\":50301,\"message\":\"overloaded\"}"));
                RestSchemaRegistryClient client = client(stub.url(), SchemaRegistryConfig.MAX_RETRIES, 2)) {
            assertThatThrownBy(() -> client.getSchemaById(1))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("after 3 attempt(s)")
                    .hasMessageContaining("HTTP 503")
                    .hasMessageContaining("overloaded");
            assertThat(stub.requests()).hasSize(3);
        }
    }

    @Test
    void shouldRetryAServerErrorAndUseTheNextAnswer() {
        String schema = RegistryJson.write(
                RegistryJson.object().put("schema", record("A").toString()));
        try (StubHttpServer stub = new StubHttpServer(new Answer(500, "boom"), new Answer(200, schema));
                RestSchemaRegistryClient client = client(stub.url())) {
            assertThat(client.getSchemaById(1)).isEqualTo(record("A"));
            assertThat(stub.requests()).hasSize(2);
        }
    }

    @Test
    void shouldNotRetryAClientError() {
        try (StubHttpServer stub = new StubHttpServer(
                        new Answer(404, "{\"error_code\":40403,\"message\":\"Schema 1 not found\"}"));
                RestSchemaRegistryClient client = client(stub.url(), SchemaRegistryConfig.MAX_RETRIES, 5)) {
            assertThatThrownBy(() -> client.getSchemaById(1))
                    .isInstanceOfSatisfying(
                            SchemaNotFoundException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(40403));
            assertThat(stub.requests()).hasSize(1);
        }
    }

    @Test
    void shouldStopRetryingAnUnreachableRegistryAfterMaxRetries() throws IOException {
        long started = System.nanoTime();
        try (RestSchemaRegistryClient client = client(unusedUrl(), SchemaRegistryConfig.MAX_RETRIES, 2)) {
            assertThatThrownBy(() -> client.getSchemaById(1))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("after 3 attempt(s)")
                    .hasCauseInstanceOf(ConnectException.class);
        }
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void shouldSendBasicAuthFromTheUrlWhenThatIsTheSource() {
        try (StubHttpServer stub = new StubHttpServer(new Answer(200, "{\"id\":7}"));
                RestSchemaRegistryClient client =
                        client(stub.url().replace("//", "//bob:pw@"), "basic.auth.credentials.source", "URL")) {
            client.register(CALENDAR, CalendarEvent.getClassSchema());

            assertThat(stub.requests().get(0).headers().getFirst("Authorization"))
                    .isEqualTo("Basic Ym9iOnB3"); // base64("bob:pw")
        }
    }

    @Test
    void shouldSendTheConfluentContentTypeAndKeepTheBaseUrlPath() {
        try (StubHttpServer stub = new StubHttpServer(new Answer(200, "{\"id\":7}"));
                RestSchemaRegistryClient client = client(stub.url() + "/apis/ccompat/v7/")) {
            assertThat(client.register("a b/c+d", CalendarEvent.getClassSchema()))
                    .isEqualTo(7);

            StubHttpServer.Request request = stub.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/apis/ccompat/v7/subjects/a%20b%2Fc%2Bd/versions");
            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(request.headers().getFirst("Authorization")).isNull();
        }
    }

    @Test
    void shouldRefuseSchemasThatAreNotAvro() {
        try (StubHttpServer stub = new StubHttpServer(
                        new Answer(200, "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}"));
                RestSchemaRegistryClient client = client(stub.url())) {
            assertThatThrownBy(() -> client.getSchemaById(3))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("PROTOBUF schema, not Avro");
        }
    }

    @Test
    void shouldKeepAtMostTheCacheCapacityAndEvictTheLeastRecentlyUsed() {
        try (StubHttpServer stub =
                        new StubHttpServer(schemaAnswer("A"), schemaAnswer("B"), schemaAnswer("C"), schemaAnswer("A"));
                RestSchemaRegistryClient client = client(stub.url(), SchemaRegistryConfig.CACHE_CAPACITY, 2)) {
            client.getSchemaById(1);
            client.getSchemaById(2);
            client.getSchemaById(3); // evicts 1

            assertThat(client.cachedSchemaCount()).isEqualTo(2);
            client.getSchemaById(3);
            client.getSchemaById(2);
            assertThat(stub.requests()).as("2 and 3 still cached").hasSize(3);
            assertThat(client.getSchemaById(1)).isEqualTo(record("A"));
            assertThat(stub.requests()).as("1 was evicted").hasSize(4);
            assertThat(client.cachedSchemaCount()).isEqualTo(2);
        }
    }

    @Test
    void shouldBoundTheSchemaToIdCacheToo() {
        try (StubHttpServer stub = new StubHttpServer(
                        new Answer(200, "{\"id\":1}"),
                        new Answer(200, "{\"id\":2}"),
                        new Answer(200, "{\"id\":3}"),
                        new Answer(200, "{\"id\":4}"));
                RestSchemaRegistryClient client = client(stub.url(), SchemaRegistryConfig.CACHE_CAPACITY, 2)) {
            for (String name : new String[] {"A", "B", "C", "D"}) {
                client.register("subject-" + name, record(name));
            }
            assertThat(client.cachedIdCount()).isEqualTo(2);
        }
    }

    private static Answer schemaAnswer(String recordName) {
        return new Answer(
                200,
                RegistryJson.write(
                        RegistryJson.object().put("schema", record(recordName).toString())));
    }

    /** A URL where nothing listens (the port was free a moment ago). */
    private static String unusedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
