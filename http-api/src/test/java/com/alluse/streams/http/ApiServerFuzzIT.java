package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.localstack.EmbeddedKafkaBroker;
import com.alluse.streams.localstack.EmbeddedKafkaConfig;
import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Fuzzes a started ApiServer attached to the real pipeline on an embedded broker, over raw
 * sockets so that anything can be sent: random methods, paths (invalid UTF-8, control
 * characters, very long ids), query values (huge numbers), headers (wrong content types, odd
 * tokens and consistency tokens) and bodies (invalid UTF-8, deep nesting, huge numbers, control
 * characters). The API must never answer a 5xx other than its documented 503 with Retry-After,
 * and never show a stack trace. The tries per category are printed at the end and recorded in
 * docs/reliability.md.
 */
class ApiServerFuzzIT {
    private static final int TRIES = 1_000;
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final int SOCKET_TIMEOUT_MS = 30_000;
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    private static final String OPERATOR = "fuzz-operator-token";
    private static final String ADMIN = "fuzz-admin-token";
    private static final String P = "PF";
    private static final Map<String, AtomicInteger> TRIED = new TreeMap<>();
    private static final Map<Integer, AtomicInteger> STATUSES = new TreeMap<>();

    private static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static InMemorySchemaRegistryServer registry;
    private static ApiServer api;
    private static AccountStreamsApp app;

    @BeforeContainer
    static void startBrokerPipelineAndApi() throws Exception {
        dir = Files.createTempDirectory("api-fuzz");
        broker = EmbeddedKafkaBroker.start(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build());
        registry = InMemorySchemaRegistryServer.start("127.0.0.1", 0);
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", registry.url());
        TopicNames topics = TopicNames.DEFAULT;
        PipelineConfig pipeline =
                new PipelineConfig(topics, 2, (short) 1, Duration.ofDays(7), RulesConfig.DEFAULTS, serdeConfig);
        api = ApiServer.start(
                new HttpSettings(
                        "127.0.0.1",
                        0,
                        "127.0.0.1",
                        HttpSettings.Tokens.of(Map.of(OPERATOR, Role.OPERATOR, ADMIN, Role.ADMIN)),
                        null,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(10),
                        // Short: fuzzed consistency tokens ahead of the store wait this long for nothing.
                        Duration.ofMillis(100),
                        500,
                        1_000,
                        Duration.ofDays(7),
                        null,
                        HttpSettings.RequestLimits.DEFAULTS),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Properties props = StreamsSettings.local(broker.bootstrapServers(), dir.resolve("state"))
                .toProperties();
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, api.applicationServer());
        app = new AccountStreamsApp(pipeline, props, Duration.ofSeconds(30));
        api.attach(app.start(STARTUP), topics, KafkaConnection.plaintext(broker.bootstrapServers()), serdeConfig);
        app.awaitRunning(STARTUP);
        Response open = send(request(
                "POST",
                "/portfolios/" + P + "/commands",
                List.of("Authorization: Bearer " + ADMIN, "Idempotency-Key: open", "Content-Type: application/json"),
                bytes("{\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"250000.00\",\"template\":\"MODERATE\"}")));
        assertThat(open.status()).as(open.text()).isEqualTo(200);
    }

    @AfterContainer
    static void stopAndPrintTries() {
        if (api != null) {
            api.close();
        }
        if (app != null) {
            app.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
        int total = TRIED.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("HTTP fuzz tries per category (" + total + " in all): " + TRIED);
        System.out.println("HTTP fuzz answers by status: " + STATUSES);
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = TRIES)
    void shouldNeverFailOnRandomMethodsPathsAndHeaders(
            @ForAll("methods") String method, @ForAll("paths") String path, @ForAll("headerSets") List<String> headers)
            throws IOException {
        count("random method, path and headers");
        answersWithoutServerError(request(method, path, headers, new byte[0]));
    }

    @Property(tries = TRIES)
    void shouldNeverFailOnRandomQueriesThatReachTheStores(
            @ForAll("storePaths") String path, @ForAll("storeConsistencyTokens") String token) throws IOException {
        count("store query with random ids, query values and consistency token");
        answersWithoutServerError(request(
                "GET", path, List.of("Authorization: Bearer " + ADMIN, "X-Consistency-Token: " + token), new byte[0]));
    }

    @Property(tries = TRIES)
    void shouldNeverFailOnRandomCommandBodies(
            @ForAll("bodies") byte[] body,
            @ForAll("contentTypes") String contentType,
            @ForAll("idempotencyKeys") String key,
            @ForAll("portfolioSegments") String portfolio)
            throws IOException {
        count("command submission with a random body, content type and key");
        answersWithoutServerError(request(
                "POST",
                "/portfolios/" + portfolio + "/commands",
                List.of("Authorization: Bearer " + OPERATOR, "Content-Type: " + contentType, "Idempotency-Key: " + key),
                body));
    }

    @Property(tries = TRIES)
    void shouldNeverFailOnRandomRequestLines(@ForAll("rawBytes") byte[] line) throws IOException {
        count("random bytes as the request line");
        byte[] request = concat(line, bytes("\r\nHost: fuzz\r\nConnection: close\r\n\r\n"));
        answersWithoutServerError(request);
    }

    /** Jetty answers HTTP/0.9 (no version) and unknown versions with 505, as RFC 9110 section 15.6.6 asks. */
    @Example
    void shouldAnswerVersionNotSupportedToARequestLineWithoutAVersion() throws IOException {
        Response response = send(bytes("! !\r\nHost: fuzz\r\nConnection: close\r\n\r\n"));

        assertThat(response.status()).isEqualTo(505);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.oneOf(
                Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"),
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> route = Arbitraries.of(
                "/accounts/%s",
                "/accounts/%s/ledger",
                "/accounts/%s/balance",
                "/portfolios/%s",
                "/portfolios/%s/commands",
                "/portfolios/%s/commands/%s",
                "/instances",
                "/metrics",
                "/openapi.json",
                "/health/live",
                "/health/ready",
                "/%s",
                "/%s/%s/%s");
        return Combinators.combine(route, segments(), segments(), segments(), queries())
                .as((template, a, b, c, query) -> template.formatted(a, b, c) + query);
    }

    @Provide
    Arbitrary<String> storePaths() {
        Arbitrary<String> account = Arbitraries.oneOf(
                Arbitraries.of(P + ":GEN", P + ":REV", P + ":COM", P + ":F1:GEN", "X:GEN"), segments());
        Arbitrary<String> route = Arbitraries.of(
                "/accounts/%s",
                "/accounts/%s/ledger", "/accounts/%s/balance", "/portfolios/%s", "/portfolios/%s/commands/open");
        // Mostly well-formed queries, so that most tries get past validation to the stores.
        Arbitrary<String> query = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("", "?fromSeq=1&limit=2", "?asOf=2026-01-01T00:00:00Z")),
                Tuple.of(1, queries()));
        return Combinators.combine(route, account, query).as((template, id, q) -> template.formatted(id) + q);
    }

    @Provide
    Arbitrary<String> portfolioSegments() {
        return Arbitraries.oneOf(Arbitraries.of(P, "PF2", "new-" + System.nanoTime()), segments());
    }

    /** Path segments: valid ids, very long ids, and any characters percent-encoded (invalid UTF-8 too). */
    private static Arbitrary<String> segments() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars(":._-")
                        .ofMinLength(1)
                        .ofMaxLength(70),
                Arbitraries.strings().alpha().ofMinLength(1_000).ofMaxLength(20_000),
                Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMinSize(1)
                        .ofMaxSize(60)
                        .map(ApiServerFuzzIT::percentEncoded),
                Arbitraries.of("%C3%28", "%FF%FE", "%00", "%0D%0A", "..", "%2F", "%25", "%E2%82", "%F0%9F%92%A9"));
    }

    private static Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.of("fromSeq", "limit", "asOf", "x");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of(
                        "99999999999999999999999999",
                        "-9223372036854775808",
                        "9223372036854775807",
                        "1e308",
                        "NaN",
                        "-0",
                        "0x10",
                        "2026-13-45T99:99:99Z",
                        "%00",
                        "%FF"),
                Arbitraries.longs().map(n -> Long.toString(n)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(ApiServerFuzzIT::percentEncoded));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(3).map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    @Provide
    Arbitrary<List<String>> headerSets() {
        Arbitrary<String> header = Arbitraries.oneOf(
                authorizations(),
                contentTypes().map(type -> "Content-Type: " + type),
                idempotencyKeys().map(key -> "Idempotency-Key: " + key),
                consistencyTokens().map(token -> "X-Consistency-Token: " + token),
                Arbitraries.of(
                        "Accept: */*", "Accept: application/xml", "Transfer-Encoding: gzip", "Expect: 100-continue"),
                headerText().map(text -> "X-Fuzz: " + text));
        return header.list().ofMaxSize(6);
    }

    private static Arbitrary<String> authorizations() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "Authorization: Bearer " + ADMIN,
                        "Authorization: Bearer " + OPERATOR,
                        "Authorization: Bearer",
                        "Authorization: Basic Zm9vOmJhcg=="),
                headerText().map(text -> "Authorization: Bearer " + text));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "application/json",
                        "application/json; charset=ISO-8859-1",
                        "application/json; charset=nonsense",
                        "text/plain",
                        "application/xml",
                        "multipart/form-data; boundary=x",
                        "application/x-www-form-urlencoded",
                        ""),
                headerText());
    }

    @Provide
    Arbitrary<String> idempotencyKeys() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .ofMinLength(1)
                        .ofMaxLength(20)
                        .map(k -> "fz-" + k),
                Arbitraries.strings().alpha().ofMinLength(129).ofMaxLength(5_000),
                headerText());
    }

    @Provide
    Arbitrary<String> consistencyTokens() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers(), Arbitraries.longs()).as((p, o) -> p + ":" + o),
                Arbitraries.of("0:0", "1:1", "0:99999999999999999999", "a:b", ":", "", "0:-1", "2147483648:0"),
                headerText());
    }

    @Provide
    Arbitrary<String> storeConsistencyTokens() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("0:0", "1:0", "0:1")), Tuple.of(1, consistencyTokens()));
    }

    /** Header values: any bytes but CR and LF (which would end the header), as ISO-8859-1 text. */
    private static Arbitrary<String> headerText() {
        return Arbitraries.strings()
                .withCharRange((char) 0, (char) 255)
                .excludeChars('\r', '\n')
                .ofMaxLength(200);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000),
                Arbitraries.integers().between(1, 200_000).map(depth -> bytes("[".repeat(depth) + "]".repeat(depth))),
                Arbitraries.integers()
                        .between(1, 200_000)
                        .map(depth -> bytes("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))),
                commandJson(),
                commandJson().map(ApiServerFuzzIT::withInvalidUtf8));
    }

    /** Command-shaped JSON with hostile values: huge and odd numbers, control characters, long strings. */
    private static Arbitrary<byte[]> commandJson() {
        Arbitrary<String> type = Arbitraries.of(
                "OPEN_PORTFOLIO",
                "DEPOSIT",
                "WITHDRAWAL",
                "TRADE_PREMIUM",
                "TRADE_LOSS",
                "COMMISSION",
                "CASH_BUFFER_ADJUSTMENT",
                "SUSPEND_ACCOUNT",
                "ACTIVATE_ACCOUNT",
                "CLOSE_ACCOUNT",
                "NOPE",
                "");
        Arbitrary<String> amount = Arbitraries.of(
                "\"1.00\"",
                "\"92233720368547758.07\"",
                "\"92233720368547758.08\"",
                "\"-92233720368547758.08\"",
                "\"1e400\"",
                "\"0.001\"",
                "1e400",
                "123456789012345678901234567890",
                "-0",
                "null",
                "true",
                "[]",
                "{}",
                "\"\\u0000\"",
                "\"" + "9".repeat(5_000) + "\"");
        Arbitrary<String> account = Arbitraries.oneOf(
                Arbitraries.of(P + ":GEN", P + ":REV", P + ":COM", "\"", "\\u0000\\u001f"),
                Arbitraries.strings().ofMaxLength(300).map(ApiServerFuzzIT::jsonEscaped));
        Arbitrary<String> extra = Arbitraries.of(
                "",
                ",\"eventTime\":\"not a time\"",
                ",\"eventTime\":\"+999999999-12-31T23:59:59Z\"",
                ",\"bufferBps\":99999999999",
                ",\"capital\":\"1e400\"",
                ",\"template\":\"\\u0007\"",
                ",\"commandId\":\"other\"",
                ",\"type\":\"DEPOSIT\"");
        return Combinators.combine(type, amount, account, extra)
                .as((t, a, acc, x) -> bytes("{\"type\":\"" + t + "\",\"amount\":" + a + ",\"capital\":" + a
                        + ",\"accountId\":\"" + acc + "\"" + x + "}"));
    }

    @Provide
    Arbitrary<byte[]> rawBytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(ApiServerFuzzIT::withoutLineBreaks),
                Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMaxSize(300)
                        .map(path ->
                                concat(bytes("GET /accounts/"), concat(withoutLineBreaks(path), bytes(" HTTP/1.1")))));
    }

    // ---------------------------------------------------------------- sending and checking

    private static void answersWithoutServerError(byte[] request) throws IOException {
        Response response = send(request);
        synchronized (STATUSES) {
            STATUSES.computeIfAbsent(response.status(), ignored -> new AtomicInteger())
                    .incrementAndGet();
        }
        String what = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1) + " -> "
                + response.head();
        assertThat(response.status()).as(what).isBetween(100, 599);
        if (response.status() == 505) {
            assertThat(namesHttp1Version(request))
                    .as("505 answers only a request line without an HTTP/1.x version: " + what)
                    .isFalse();
        } else if (response.status() >= 500) {
            assertThat(response.status())
                    .as("only the documented 503 may be a 5xx: " + what)
                    .isEqualTo(503);
            assertThat(response.head()).as("a 503 says when to retry: " + what).containsIgnoringCase("Retry-After:");
        }
        assertThat(response.text())
                .as(what)
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("at com.")
                .doesNotContain("at org.")
                .doesNotContain("at java.");
    }

    private static boolean namesHttp1Version(byte[] request) {
        String all = new String(request, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n");
        String line = end < 0 ? all : all.substring(0, end);
        return line.endsWith(" HTTP/1.1") || line.endsWith(" HTTP/1.0");
    }

    private static byte[] request(String method, String path, List<String> headers, byte[] body) {
        StringBuilder head =
                new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** One request on a fresh connection (Connection: close), read to the end, bounded. */
    private static Response send(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", api.port()), SOCKET_TIMEOUT_MS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it has read a large body; its answer still counts.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8_192];
            for (int n = in.read(buffer); n >= 0 && read.size() < MAX_RESPONSE_BYTES; n = in.read(buffer)) {
                read.write(buffer, 0, n);
            }
            return Response.parse(read.toByteArray());
        }
    }

    private record Response(int status, String head, String text) {
        static Response parse(byte[] raw) {
            String all = new String(raw, StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            String head = end < 0 ? all : all.substring(0, end);
            String[] statusLine = head.split(" ", 3);
            int status =
                    statusLine.length > 1 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
            return new Response(status, head, all);
        }
    }

    private static String percentEncoded(byte[] raw) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : raw) {
            encoded.append('%').append(String.format("%02X", b & 0xff));
        }
        return encoded.toString();
    }

    private static String jsonEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            escaped.append(c < 0x20 || c == '"' || c == '\\' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return escaped.toString();
    }

    private static byte[] withInvalidUtf8(byte[] json) {
        byte[] copy = json.clone();
        copy[copy.length / 2] = (byte) 0xC3;
        if (copy.length / 2 + 1 < copy.length) {
            copy[copy.length / 2 + 1] = (byte) 0x28;
        }
        return copy;
    }

    private static byte[] withoutLineBreaks(byte[] raw) {
        byte[] copy = raw.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\r' || copy[i] == '\n') {
                copy[i] = ' ';
            }
        }
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static synchronized void count(String category) {
        TRIED.computeIfAbsent(category, ignored -> new AtomicInteger()).incrementAndGet();
    }
}
