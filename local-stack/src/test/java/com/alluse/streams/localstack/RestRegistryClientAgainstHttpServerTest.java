package com.alluse.streams.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import com.alluse.streams.serde.IncompatibleSchemaException;
import com.alluse.streams.serde.SchemaRegistryClient;
import com.alluse.streams.serde.SchemaRegistryClients;
import com.alluse.streams.serde.SchemaRegistryConfig;
import com.alluse.streams.serde.SchemaRegistryException;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST registry client against the in-memory registry served over HTTP: caching, failover, auth, 409s. */
class RestRegistryClientAgainstHttpServerTest {
    private static final String CALENDAR = "alluse.calendar-value";
    private InMemorySchemaRegistryServer server = InMemorySchemaRegistryServer.start("127.0.0.1", 0);

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static SchemaRegistryClient client(String url, Object... extraConfig) {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, url);
        config.put(SchemaRegistryConfig.RETRIES_WAIT_MS, 5);
        config.put(SchemaRegistryConfig.RETRIES_MAX_WAIT_MS, 20);
        for (int i = 0; i < extraConfig.length; i += 2) {
            config.put((String) extraConfig[i], extraConfig[i + 1]);
        }
        return SchemaRegistryClients.create(SchemaRegistryConfig.fromMap(config));
    }

    private static Schema record(String name) {
        return SchemaBuilder.record(name)
                .namespace("test")
                .fields()
                .requiredString("x")
                .endRecord();
    }

    @Test
    void shouldServeRepeatedCallsFromTheCacheWithoutHttpRequests() {
        try (SchemaRegistryClient client = client(server.url())) {
            int id = client.register(CALENDAR, CalendarEvent.getClassSchema());
            long afterRegister = server.requestCount();

            assertThat(client.register(CALENDAR, CalendarEvent.getClassSchema()))
                    .isEqualTo(id);
            assertThat(client.getId(CALENDAR, CalendarEvent.getClassSchema())).isEqualTo(id);
            assertThat(client.getSchemaById(id)).isEqualTo(CalendarEvent.getClassSchema());
            assertThat(server.requestCount()).isEqualTo(afterRegister);
        }
    }

    @Test
    void shouldFailOverToTheNextUrlWhenTheFirstIsUnreachable() throws IOException {
        try (SchemaRegistryClient client =
                client(unusedUrl() + "," + server.url(), SchemaRegistryConfig.MAX_RETRIES, 0)) {
            int id = client.register(CALENDAR, CalendarEvent.getClassSchema());

            assertThat(server.registry().getId(CALENDAR, CalendarEvent.getClassSchema()))
                    .isEqualTo(id);
        }
    }

    @Test
    void shouldRejectIncompatibleSchemaWith409NamingTheSubject() {
        try (SchemaRegistryClient client = client(server.url())) {
            client.register(CALENDAR, CalendarEvent.getClassSchema());
            long requests = server.requestCount();
            Schema incompatible = com.alluse.streams.serde.TestSchemas.calendarEventWithRequiredField();

            assertThatThrownBy(() -> client.register(CALENDAR, incompatible))
                    .isInstanceOfSatisfying(
                            IncompatibleSchemaException.class,
                            e -> assertThat(e.subject()).isEqualTo(CALENDAR))
                    .hasMessageContaining("subject '" + CALENDAR + "'")
                    .hasMessageContaining("timezone");
            assertThat(server.requestCount()).as("409 is final, not retried").isEqualTo(requests + 1);
        }
    }

    @Test
    void shouldSendBasicAuthFromUserInfo() {
        try (InMemorySchemaRegistryServer secured = InMemorySchemaRegistryServer.start(
                        "127.0.0.1", 0, new InMemorySchemaRegistry(), "alice:s3cret:with-colon");
                SchemaRegistryClient client =
                        client(secured.url(), "basic.auth.user.info", "alice:s3cret:with-colon")) {
            assertThat(client.register(CALENDAR, CalendarEvent.getClassSchema()))
                    .isPositive();
        }
    }

    @Test
    void shouldReportRefusedCredentialsWithoutRetrying() {
        try (InMemorySchemaRegistryServer secured = InMemorySchemaRegistryServer.start(
                        "127.0.0.1", 0, new InMemorySchemaRegistry(), "alice:secret");
                SchemaRegistryClient client = client(secured.url(), "basic.auth.user.info", "alice:wrong")) {
            assertThatThrownBy(() -> client.register(CALENDAR, CalendarEvent.getClassSchema()))
                    .isInstanceOfSatisfying(
                            SchemaRegistryException.class,
                            e -> assertThat(e.httpStatus()).isEqualTo(401))
                    .hasMessageContaining("basic.auth.user.info");
            assertThat(secured.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldRoundTripSubjectsWithReservedCharacters() {
        try (SchemaRegistryClient client = client(server.url())) {
            int id = client.register("a b/c+d%e", CalendarEvent.getClassSchema());

            assertThat(server.registry().subjects()).containsExactly("a b/c+d%e");
            assertThat(client.getLatestVersion("a b/c+d%e").id()).isEqualTo(id);
        }
    }

    @Test
    void shouldCacheTheLatestVersionForItsTimeToLive() {
        server.registry().register(CALENDAR, CalendarEvent.getClassSchema());
        try (SchemaRegistryClient cached = client(server.url());
                SchemaRegistryClient uncached = client(server.url(), SchemaRegistryConfig.LATEST_CACHE_TTL_SEC, 0)) {
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
