package com.alluse.streams.serde.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import com.alluse.streams.serde.InMemorySchemaRegistryServer;
import com.alluse.streams.serde.IncompatibleSchemaException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {
    private static final String CALENDAR = "alluse.calendar-value";
    private InMemorySchemaRegistryServer server = InMemorySchemaRegistryServer.start("127.0.0.1", 0);

    @AfterEach
    void stopServer() {
        server.close();
    }

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
        return SchemaBuilder.record(name).namespace("test").fields().requiredString("x").endRecord();
    }

    @Test
    void shouldServeRepeatedCallsFromTheCacheWithoutHttpRequests() {
        try (RestSchemaRegistryClient client = client(server.url())) {
            int id = client.register(CALENDAR, CalendarEvent.getClassSchema());
            long afterRegister = server.requestCount();

            assertThat(client.register(CALENDAR, CalendarEvent.getClassSchema())).isEqualTo(id);
            assertThat(client.getId(CALENDAR, CalendarEvent.getClassSchema())).isEqualTo(id);
            assertThat(client.getSchemaById(id)).isEqualTo(CalendarEvent.getClassSchema());
            assertThat(server.requestCount()).isEqualTo(afterRegister);
        }
    }

    @Test
    void shouldKeepAtMostTheCacheCapacityAndEvictTheLeastRecentlyUsed() {
        InMemorySchemaRegistry registry = server.registry();
        int a = registry.register("a", record("A"));
        int b = registry.register("b", record("B"));
        int c = registry.register("c", record("C"));
        try (RestSchemaRegistryClient client = client(server.url(), SchemaRegistryConfig.CACHE_CAPACITY, 2)) {
            client.getSchemaById(a);
            client.getSchemaById(b);
            client.getSchemaById(c); // evicts a
            long requests = server.requestCount();

            assertThat(client.cachedSchemaCount()).isEqualTo(2);
            client.getSchemaById(c);
            client.getSchemaById(b);
            assertThat(server.requestCount()).as("b and c still cached").isEqualTo(requests);
            client.getSchemaById(a);
            assertThat(server.requestCount()).as("a was evicted").isEqualTo(requests + 1);
            assertThat(client.cachedSchemaCount()).isEqualTo(2);
        }
    }

    @Test
    void shouldBoundTheSchemaToIdCacheToo() {
        try (RestSchemaRegistryClient client = client(server.url(), SchemaRegistryConfig.CACHE_CAPACITY, 2)) {
            for (String name : new String[] {"A", "B", "C", "D"}) {
                client.register("subject-" + name, record(name));
            }
            assertThat(client.cachedIdCount()).isEqualTo(2);
        }
    }

    @Test
    void shouldStopRetryingAServerErrorAfterMaxRetries() {
        try (StubHttpServer stub = new StubHttpServer(new Answer(503, "{\"error_code\":50301,\"message\":\"overloaded\"}"));
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
        String schema = RegistryJson.write(RegistryJson.object().put("schema", record("A").toString()));
        try (StubHttpServer stub = new StubHttpServer(new Answer(500, "boom"), new Answer(200, schema));
                RestSchemaRegistryClient client = client(stub.url())) {
            assertThat(client.getSchemaById(1)).isEqualTo(record("A"));
            assertThat(stub.requests()).hasSize(2);
        }
    }

    @Test
    void shouldNotRetryAClientError() {
        try (StubHttpServer stub = new StubHttpServer(new Answer(404, "{\"error_code\":40403,\"message\":\"Schema 1 not found\"}"));
                RestSchemaRegistryClient client = client(stub.url(), SchemaRegistryConfig.MAX_RETRIES, 5)) {
            assertThatThrownBy(() -> client.getSchemaById(1))
                    .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
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
    void shouldFailOverToTheNextUrlWhenTheFirstIsUnreachable() throws IOException {
        try (RestSchemaRegistryClient client = client(unusedUrl() + "," + server.url(), SchemaRegistryConfig.MAX_RETRIES, 0)) {
            int id = client.register(CALENDAR, CalendarEvent.getClassSchema());

            assertThat(server.registry().getId(CALENDAR, CalendarEvent.getClassSchema())).isEqualTo(id);
        }
    }

    @Test
    void shouldRejectIncompatibleSchemaWith409NamingTheSubject() {
        try (RestSchemaRegistryClient client = client(server.url())) {
            client.register(CALENDAR, CalendarEvent.getClassSchema());
            long requests = server.requestCount();
            Schema incompatible = com.alluse.streams.serde.TestSchemas.calendarEventWithRequiredField();

            assertThatThrownBy(() -> client.register(CALENDAR, incompatible))
                    .isInstanceOfSatisfying(IncompatibleSchemaException.class,
                            e -> assertThat(e.subject()).isEqualTo(CALENDAR))
                    .hasMessageContaining("subject '" + CALENDAR + "'")
                    .hasMessageContaining("timezone");
            assertThat(server.requestCount()).as("409 is final, not retried").isEqualTo(requests + 1);
        }
    }

    @Test
    void shouldSendBasicAuthFromUserInfo() {
        try (InMemorySchemaRegistryServer secured = InMemorySchemaRegistryServer.start("127.0.0.1", 0,
                        new InMemorySchemaRegistry(), "alice:s3cret:with-colon");
                RestSchemaRegistryClient client = client(secured.url(), "basic.auth.user.info", "alice:s3cret:with-colon")) {
            assertThat(client.register(CALENDAR, CalendarEvent.getClassSchema())).isPositive();
        }
    }

    @Test
    void shouldSendBasicAuthFromTheUrlWhenThatIsTheSource() {
        try (StubHttpServer stub = new StubHttpServer(new Answer(200, "{\"id\":7}"));
                RestSchemaRegistryClient client = client(stub.url().replace("//", "//bob:pw@"),
                        "basic.auth.credentials.source", "URL")) {
            client.register(CALENDAR, CalendarEvent.getClassSchema());

            assertThat(stub.requests().get(0).headers().getFirst("Authorization"))
                    .isEqualTo("Basic Ym9iOnB3"); // base64("bob:pw")
        }
    }

    @Test
    void shouldReportRefusedCredentialsWithoutRetrying() {
        try (InMemorySchemaRegistryServer secured = InMemorySchemaRegistryServer.start("127.0.0.1", 0,
                        new InMemorySchemaRegistry(), "alice:secret");
                RestSchemaRegistryClient client = client(secured.url(), "basic.auth.user.info", "alice:wrong")) {
            assertThatThrownBy(() -> client.register(CALENDAR, CalendarEvent.getClassSchema()))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                    .hasMessageContaining("basic.auth.user.info");
            assertThat(secured.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldSendTheConfluentContentTypeAndKeepTheBaseUrlPath() {
        try (StubHttpServer stub = new StubHttpServer(new Answer(200, "{\"id\":7}"));
                RestSchemaRegistryClient client = client(stub.url() + "/apis/ccompat/v7/")) {
            assertThat(client.register("a b/c+d", CalendarEvent.getClassSchema())).isEqualTo(7);

            StubHttpServer.Request request = stub.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/apis/ccompat/v7/subjects/a%20b%2Fc%2Bd/versions");
            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
            assertThat(request.headers().getFirst("Authorization")).isNull();
        }
    }

    @Test
    void shouldRoundTripSubjectsWithReservedCharacters() {
        try (RestSchemaRegistryClient client = client(server.url())) {
            int id = client.register("a b/c+d%e", CalendarEvent.getClassSchema());

            assertThat(server.registry().subjects()).containsExactly("a b/c+d%e");
            assertThat(client.getLatestVersion("a b/c+d%e").id()).isEqualTo(id);
        }
    }

    @Test
    void shouldRefuseSchemasThatAreNotAvro() {
        try (StubHttpServer stub = new StubHttpServer(new Answer(200,
                        "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}"));
                RestSchemaRegistryClient client = client(stub.url())) {
            assertThatThrownBy(() -> client.getSchemaById(3))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("PROTOBUF schema, not Avro");
        }
    }

    @Test
    void shouldCacheTheLatestVersionForItsTimeToLive() {
        server.registry().register(CALENDAR, CalendarEvent.getClassSchema());
        try (RestSchemaRegistryClient cached = client(server.url());
                RestSchemaRegistryClient uncached = client(server.url(), SchemaRegistryConfig.LATEST_CACHE_TTL_SEC, 0)) {
            long before = server.requestCount();
            cached.getLatestVersion(CALENDAR);
            cached.getLatestVersion(CALENDAR);
            assertThat(server.requestCount()).isEqualTo(before + 1);

            uncached.getLatestVersion(CALENDAR);
            uncached.getLatestVersion(CALENDAR);
            assertThat(server.requestCount()).isEqualTo(before + 3);
        }
    }

    /** A URL where nothing listens (the port was free a moment ago). */
    private static String unusedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
