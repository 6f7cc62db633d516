package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.client.BrokerSnapshots;
import com.alluse.streams.client.Clients;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.PipelineTopics;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.localstack.EmbeddedKafkaBroker;
import com.alluse.streams.localstack.EmbeddedKafkaConfig;
import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.PipelineRole;
import com.alluse.streams.topology.StreamsSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API end to end: a real broker, the pipeline and one API instance with bearer tokens.
 * Data is seeded through the API itself: a portfolio whose Gen-Acc earns enough premium to fork.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiServerIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String VIEWER = "viewer-token";
    private static final String OPERATOR = "operator-token";
    private static final String ADMIN = "admin-token";
    private static final Map<String, Role> TOKENS =
            Map.of(VIEWER, Role.VIEWER, OPERATOR, Role.OPERATOR, ADMIN, Role.ADMIN);
    private static final int PARTITIONS = 3;
    private static final int MAX_PAGE = 500;
    private static final Duration CONSISTENCY_WAIT = Duration.ofMillis(1_500);

    private static final String P = "P1";
    private static final String GEN = P + ":GEN";
    private static final String REV = P + ":REV";
    private static final String COM = P + ":COM";
    private static final String FORK_GEN = P + ":F1:GEN";
    private static final String FORK_COM = P + ":F1:COM";
    private static final Instant T0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    private static final String OPEN_BODY = """
            {"type":"OPEN_PORTFOLIO","capital":"250000.00","template":"MODERATE","eventTime":"%s"}""".formatted(T0);
    private static final String PREMIUM_1_BODY = """
            {"type":"TRADE_PREMIUM","accountId":"%s","amount":"1500.00","eventTime":"%s"}""".formatted(GEN, T0.plus(Duration.ofMinutes(10)));
    private static final String PREMIUM_2_BODY = """
            {"type":"TRADE_PREMIUM","accountId":"%s","amount":"48500.00","eventTime":"%s"}""".formatted(GEN, T0.plus(Duration.ofMinutes(20)));

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static InMemorySchemaRegistryServer registry;
    private static ApiServer api;
    private static final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private static AccountStreamsApp app;
    private static HttpClient client;
    private static String base;
    private static JsonNode openResult;
    private static JsonNode forkResult;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void startBrokerPipelineAndApiThenSeed() throws Exception {
        broker = EmbeddedKafkaBroker.start(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build());
        registry = InMemorySchemaRegistryServer.start("127.0.0.1", 0);
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", registry.url());
        TopicNames topics = TopicNames.DEFAULT;
        PipelineConfig pipeline = new PipelineConfig(
                topics, PARTITIONS, (short) 1, Duration.ofDays(7), RulesConfig.DEFAULTS, serdeConfig);

        api = ApiServer.start(
                new HttpSettings(
                        "127.0.0.1",
                        0,
                        "127.0.0.1",
                        HttpSettings.Tokens.of(TOKENS),
                        null,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(20),
                        CONSISTENCY_WAIT,
                        MAX_PAGE,
                        1_000,
                        Duration.ofDays(7),
                        null,
                        HttpSettings.RequestLimits.DEFAULTS),
                meters);
        Properties props = StreamsSettings.local(broker.bootstrapServers(), dir.resolve("state"))
                .toProperties();
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, api.applicationServer());
        app = new AccountStreamsApp(pipeline, props, Duration.ofSeconds(30));
        api.attach(app.start(STARTUP), topics, KafkaConnection.plaintext(broker.bootstrapServers()), serdeConfig);
        app.awaitRunning(STARTUP);

        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        base = "http://127.0.0.1:" + api.port();

        openResult = accepted(submit(P, "open-1", OPEN_BODY));
        accepted(submit(P, "premium-1", PREMIUM_1_BODY));
        forkResult = accepted(submit(P, "premium-2", PREMIUM_2_BODY));
        reconcileGenAtItsBalance(PipelineTopics.of(topics, serdeConfig));
    }

    /** A broker snapshot that agrees with the Gen-Acc's balance after the fork, awaited until reconciled. */
    private static void reconcileGenAtItsBalance(PipelineTopics topics) throws Exception {
        long balanceCents =
                cents(ok(get("/accounts/" + GEN, VIEWER)).path("balance").asText());
        long asOfMs = T0.plus(Duration.ofMinutes(20)).toEpochMilli();
        try (var producer = Clients.producer(broker.bootstrapServers(), topics.brokerSnapshots())) {
            producer.send(new ProducerRecord<>(
                            topics.brokerSnapshots().name(),
                            GEN,
                            BrokerSnapshots.snapshot("snapshot-1", GEN, asOfMs, balanceCents, 0)))
                    .get();
        }
        long deadlineNanos = System.nanoTime() + STARTUP.toNanos();
        while (get("/accounts/" + GEN + "/reconciliation", VIEWER).statusCode() == 404) {
            assertThat(System.nanoTime()).as("snapshot reconciled in time").isLessThan(deadlineNanos);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopEverything() {
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
    }

    // ---------------------------------------------------------------- accounts

    @Test
    void accountAnswersItsCurrentStateFromTheActiveCopy() throws Exception {
        HttpResponse<String> response = get("/accounts/" + GEN, VIEWER);

        JsonNode account = ok(response);
        assertThat(account.path("accountId").asText()).isEqualTo(GEN);
        assertThat(account.path("portfolioId").asText()).isEqualTo(P);
        assertThat(account.path("accountType").asText()).isEqualTo("GENERATION");
        assertThat(account.path("lastSequence").asLong()).isEqualTo(4);
        assertThat(account.path("lastCommandId").asText()).isEqualTo("premium-2");
        assertThat(response.headers().firstValue(ConsistencyHeaders.SERVED_FROM))
                .hasValue("active");
        assertThat(response.headers().firstValue(ConsistencyHeaders.SERVED_BY)).hasValue(api.applicationServer());
    }

    @Test
    void unknownAccountIsNotFound() throws Exception {
        problem(get("/accounts/" + P + ":NOPE", VIEWER), 404);
        problem(get("/accounts/NOBODY:GEN", VIEWER), 404);
    }

    @Test
    void malformedAccountIdIsABadRequest() throws Exception {
        problem(get("/accounts/nocolon", VIEWER), 400);
        problem(get("/accounts/bad%20id:GEN", VIEWER), 400);
    }

    // ---------------------------------------------------------------- instances of one role

    @Test
    void anInstanceOfOneRoleAnswersTheOtherRolesRoutes404NamingTheRoleThatServesThem() throws Exception {
        try (ApiServer ledgerOnly = attachedAs(PipelineRole.LEDGER);
                ApiServer downstreamOnly = attachedAs(PipelineRole.DOWNSTREAM)) {
            JsonNode reconciliation = problem(getFrom(ledgerOnly, "/accounts/" + GEN + "/reconciliation"), 404);
            JsonNode account = problem(getFrom(downstreamOnly, "/accounts/" + GEN), 404);
            JsonNode ledgerPage = problem(getFrom(downstreamOnly, "/accounts/" + GEN + "/ledger"), 404);

            assertThat(reconciliation.path("detail").asText())
                    .contains("served by the instances of the downstream role")
                    .contains("this instance runs the ledger role");
            assertThat(account.path("detail").asText()).contains("served by the instances of the ledger role");
            assertThat(ledgerPage.path("detail").asText()).contains("this instance runs the downstream role");
            assertThat(getFrom(ledgerOnly, "/accounts/" + GEN).body()).doesNotContain("served by the instances");
            assertThat(getFrom(downstreamOnly, "/accounts/" + GEN + "/reconciliation")
                            .body())
                    .doesNotContain("served by the instances");
            assertThat(getFrom(downstreamOnly, "/health/ready").statusCode()).isEqualTo(200);
        }
    }

    /** A second API without tokens on the same streams, answering as an instance of one role. */
    private static ApiServer attachedAs(PipelineRole role) {
        ApiServer server = ApiServer.start(
                HttpSettings.local("127.0.0.1", 0), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.attach(
                app.streams(),
                role,
                TopicNames.DEFAULT,
                KafkaConnection.plaintext(broker.bootstrapServers()),
                Map.of("schema.registry.url", registry.url()));
        return server;
    }

    private static HttpResponse<String> getFrom(ApiServer server, String path)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- reconciliation and strategy view

    @Test
    void reconciliationShowsTheSnapshotThatMatchedTheLedgerAndWhen() throws Exception {
        JsonNode reconciliation = ok(get("/accounts/" + GEN + "/reconciliation", VIEWER));

        assertThat(reconciliation.path("accountId").asText()).isEqualTo(GEN);
        assertThat(reconciliation.path("status").asText()).isEqualTo("MATCHED");
        assertThat(reconciliation.path("lastMatchedAsOf").asText())
                .isEqualTo(T0.plus(Duration.ofMinutes(20)).toString());
        problem(get("/accounts/" + REV + "/reconciliation", VIEWER), 404);
    }

    @Test
    void strategyViewAnnouncesAvailableTimesPositionSizingAsDeployableCapital() throws Exception {
        for (String accountId : List.of(GEN, FORK_GEN, COM)) {
            JsonNode view = ok(get("/accounts/" + accountId + "/strategy", VIEWER));
            JsonNode account = ok(get("/accounts/" + accountId, VIEWER));
            long sizingBps = view.path("parameters").path("positionSizingBps").asLong();

            assertThat(view.path("available").asText())
                    .isEqualTo(account.path("available").asText());
            assertThat(cents(view.path("deployableCapital").asText()))
                    .as("deployable capital of %s", accountId)
                    .isEqualTo(Math.floorDiv(cents(account.path("available").asText()) * sizingBps, 10_000L));
            assertThat(view.path("announcedStatus").asText()).isEqualTo("ACTIVE");
        }
        JsonNode gen = ok(get("/accounts/" + GEN + "/strategy", VIEWER));
        assertThat(gen.path("parameters").path("positionSizingBps").asInt()).isEqualTo(9_000);
        assertThat(gen.path("parameters").path("entryDays"))
                .extracting(JsonNode::asText)
                .containsExactly("THURSDAY");
        problem(get("/accounts/" + P + ":NOPE/strategy", VIEWER), 404);
        problem(get("/accounts/nocolon/strategy", VIEWER), 400);
    }

    // ---------------------------------------------------------------- ledger

    @Test
    void ledgerPagesBySequenceAndPointsAtTheNextPage() throws Exception {
        JsonNode first = ok(get("/accounts/" + GEN + "/ledger?fromSeq=1&limit=2", VIEWER));
        assertThat(first.path("accountId").asText()).isEqualTo(GEN);
        assertThat(first.path("fromSeq").asLong()).isEqualTo(1);
        assertThat(sequences(first)).containsExactly(1L, 2L);
        assertThat(first.path("nextFromSeq").asLong()).isEqualTo(3);

        JsonNode second = ok(get(
                "/accounts/" + GEN + "/ledger?fromSeq="
                        + first.path("nextFromSeq").asLong() + "&limit=2",
                VIEWER));
        assertThat(sequences(second)).containsExactly(3L, 4L);
        assertThat(second.path("nextFromSeq").isNull())
                .as("last page has nextFromSeq null")
                .isTrue();
        assertThat(second.path("entries"))
                .extracting(entry -> entry.path("entryType").asText())
                .containsExactly("PREMIUM", "FORK_OUT");

        JsonNode whole = ok(get("/accounts/" + GEN + "/ledger", VIEWER));
        assertThat(sequences(whole)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(whole.path("nextFromSeq").isNull()).isTrue();
        assertThat(whole.path("entries").get(0).path("entryType").asText()).isEqualTo("OPENING");

        JsonNode beyond = ok(get("/accounts/" + GEN + "/ledger?fromSeq=5&limit=" + MAX_PAGE, VIEWER));
        assertThat(beyond.path("entries")).isEmpty();
        assertThat(beyond.path("nextFromSeq").isNull()).isTrue();
    }

    @Test
    void ledgerRejectsALimitOfZeroAboveTheMaximumOrNotAnInteger() throws Exception {
        problem(get("/accounts/" + GEN + "/ledger?limit=0", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/ledger?limit=" + (MAX_PAGE + 1), VIEWER), 400);
        problem(get("/accounts/" + GEN + "/ledger?limit=ten", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/ledger?limit=1.5", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/ledger?fromSeq=0", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/ledger?fromSeq=abc", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/ledger?fromSeq=" + Long.MAX_VALUE, VIEWER), 400);
        problem(get("/accounts/" + GEN + "/ledger?limit=99999999999999999999", VIEWER), 400);
    }

    @Test
    void ledgerOfAnUnknownAccountIsNotFound() throws Exception {
        problem(get("/accounts/" + P + ":NOPE/ledger", VIEWER), 404);
        problem(get("/accounts/nocolon/ledger", VIEWER), 400);
    }

    // ---------------------------------------------------------------- balance as of

    @Test
    void balanceAsOfATimeBetweenTwoEntriesIsTheBalanceAfterTheEarlierOne() throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        ok(get("/accounts/" + GEN + "/ledger", VIEWER)).path("entries").forEach(entries::add);
        JsonNode opening = entries.get(0);
        JsonNode firstPremium = entries.get(1);
        assertThat(opening.path("eventTimeMs").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(firstPremium.path("eventTimeMs").asLong())
                .isGreaterThan(opening.path("eventTimeMs").asLong());
        Instant between = Instant.ofEpochMilli((opening.path("eventTimeMs").asLong()
                        + firstPremium.path("eventTimeMs").asLong())
                / 2);

        JsonNode balance = ok(get("/accounts/" + GEN + "/balance?asOf=" + between, VIEWER));
        assertThat(balance.path("accountId").asText()).isEqualTo(GEN);
        assertThat(balance.path("asOf").asText()).isEqualTo(between.toString());
        assertThat(balance.path("balance").asText())
                .isEqualTo(opening.path("balanceAfter").asText());
        assertThat(balance.path("sequence").asLong()).isEqualTo(1);

        JsonNode atSecond = ok(get(
                "/accounts/" + GEN + "/balance?asOf="
                        + Instant.ofEpochMilli(firstPremium.path("eventTimeMs").asLong()),
                VIEWER));
        assertThat(atSecond.path("sequence").asLong())
                .as("an entry exactly at asOf counts")
                .isEqualTo(2);
        assertThat(atSecond.path("balance").asText())
                .isEqualTo(firstPremium.path("balanceAfter").asText());

        JsonNode now = ok(get("/accounts/" + GEN + "/balance?asOf=" + Instant.now(), VIEWER));
        assertThat(now.path("sequence").asLong()).isEqualTo(4);
        assertThat(now.path("balance").asText())
                .isEqualTo(ok(get("/accounts/" + GEN, VIEWER)).path("balance").asText());
    }

    @Test
    void balanceNeedsAValidAsOf() throws Exception {
        problem(get("/accounts/" + GEN + "/balance", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/balance?asOf=", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/balance?asOf=yesterday", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/balance?asOf=2026-13-01T00:00:00Z", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/balance?asOf=%2B1000000000-01-01T00:00:00Z", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/balance?asOf=-1000000000-01-01T00:00:00Z", VIEWER), 400);
    }

    @Test
    void balanceBeforeTheAccountExistedIsNotFound() throws Exception {
        problem(get("/accounts/" + GEN + "/balance?asOf=" + T0.minus(Duration.ofDays(1)), VIEWER), 404);
        problem(get("/accounts/" + GEN + "/balance?asOf=" + T0.minusMillis(1), VIEWER), 404);
        problem(get("/accounts/" + P + ":NOPE/balance?asOf=" + Instant.now(), VIEWER), 404);
    }

    // ---------------------------------------------------------------- portfolios

    @Test
    void portfolioShowsItsAccountsTotalsByTypeAndTheForkTree() throws Exception {
        JsonNode portfolio = ok(get("/portfolios/" + P, VIEWER));

        assertThat(portfolio.path("portfolioId").asText()).isEqualTo(P);
        assertThat(portfolio.path("forkCount").asInt()).isEqualTo(1);
        assertThat(portfolio.path("accounts"))
                .extracting(account -> account.path("accountId").asText())
                .containsExactlyInAnyOrder(GEN, REV, COM, FORK_GEN, FORK_COM);
        JsonNode totals = portfolio.path("totalsByType");
        assertThat(totals.path("GENERATION").path("accounts").asInt()).isEqualTo(2);
        assertThat(totals.path("REVENUE").path("accounts").asInt()).isEqualTo(1);
        assertThat(totals.path("COMPOUNDING").path("accounts").asInt()).isEqualTo(2);
        long totalCents = 0;
        for (JsonNode account : portfolio.path("accounts")) {
            totalCents += cents(account.path("balance").asText());
        }
        assertThat(cents(portfolio.path("total").asText())).isEqualTo(totalCents);
        long generationCents = 0;
        for (JsonNode account : portfolio.path("accounts")) {
            if (account.path("accountType").asText().equals("GENERATION")) {
                generationCents += cents(account.path("balance").asText());
            }
        }
        assertThat(cents(totals.path("GENERATION").path("balance").asText())).isEqualTo(generationCents);

        Map<String, JsonNode> roots = new LinkedHashMap<>();
        portfolio
                .path("forkTree")
                .forEach(root -> roots.put(root.path("accountId").asText(), root));
        assertThat(roots.keySet()).containsExactlyInAnyOrder(GEN, REV, COM);
        assertThat(roots.get(GEN).path("children"))
                .extracting(child -> child.path("accountId").asText())
                .containsExactlyInAnyOrder(FORK_GEN, FORK_COM);
        assertThat(roots.get(GEN).path("children"))
                .allSatisfy(child -> assertThat(child.path("forkId").asText()).isEqualTo(P + ":F1"));
        assertThat(roots.get(REV).has("children")).isFalse();
        assertThat(roots.get(COM).has("children")).isFalse();
    }

    @Test
    void unknownPortfolioIsNotFoundAndAMalformedOneABadRequest() throws Exception {
        problem(get("/portfolios/NOBODY", VIEWER), 404);
        problem(get("/portfolios/bad%20id", VIEWER), 400);
    }

    // ---------------------------------------------------------------- command submission

    @Test
    void acceptedCommandAnswersItsResultWithAConsistencyToken() throws Exception {
        assertThat(openResult.path("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(openResult.path("commandId").asText()).isEqualTo("open-1");
        assertThat(openResult.path("portfolioId").asText()).isEqualTo(P);
        assertThat(forkResult.path("ledgerEntryIds"))
                .extracting(JsonNode::asText)
                .contains(GEN + "#3", GEN + "#4", FORK_GEN + "#1", FORK_COM + "#1");

        HttpResponse<String> response = submit(P, "deposit-" + UUID.randomUUID(), deposit(REV, "10.00"));
        JsonNode result = ok(response);
        assertThat(result.path("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(response.headers().firstValue(ConsistencyHeaders.TOKEN))
                .hasValue(result.path("consistencyToken").asText());
        assertThat(result.path("consistencyToken").asText()).matches("\\d+:\\d+");
    }

    @Test
    void resendWithTheSameKeyAndBodyIsADuplicatePointingAtTheOriginal() throws Exception {
        HttpResponse<String> response = submit(P, "premium-1", PREMIUM_1_BODY);

        JsonNode result = ok(response);
        assertThat(result.path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(result.path("duplicateOf").path("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(response.headers().firstValue(ConsistencyHeaders.TOKEN))
                .hasValue(result.path("duplicateOf").path("commandPartition").asInt() + ":"
                        + result.path("duplicateOf").path("commandOffset").asLong());
        assertThat(ok(get("/accounts/" + GEN, VIEWER)).path("lastSequence").asLong())
                .as("nothing posted twice")
                .isEqualTo(4);
    }

    @Test
    void sameKeyWithADifferentBodyIsRejectedAsAnIdempotencyConflict() throws Exception {
        JsonNode result = ok(submit(P, "premium-1", """
                {"type":"TRADE_PREMIUM","accountId":"%s","amount":"1.00"}""".formatted(GEN)));

        assertThat(result.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(result.path("reasonCode").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");
    }

    @Test
    void withdrawalFromCompoundingIsRejectedWithAReason() throws Exception {
        HttpResponse<String> response = submit(P, "com-withdrawal-" + UUID.randomUUID(), """
                {"type":"WITHDRAWAL","accountId":"%s","amount":"100.00"}""".formatted(COM));

        JsonNode result = ok(response);
        assertThat(result.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(result.path("reasonCode").asText()).isEqualTo("WITHDRAWAL_FORBIDDEN");
        assertThat(result.path("reasonMessage").asText()).isNotBlank();
        assertThat(response.headers().firstValue(ConsistencyHeaders.TOKEN))
                .as("nothing to wait for")
                .isEmpty();
    }

    @Test
    void submissionWithoutIdempotencyKeyIsABadRequest() throws Exception {
        problem(send("POST", "/portfolios/" + P + "/commands", OPERATOR, deposit(REV, "1.00")), 400);
        problem(
                send("POST", "/portfolios/" + P + "/commands", OPERATOR, deposit(REV, "1.00"), "Idempotency-Key", " "),
                400);
        problem(submit(P, "k".repeat(129), deposit(REV, "1.00")), 400);
    }

    @Test
    void malformedOrInexactCommandBodiesAreBadRequests() throws Exception {
        problem(submit(P, key(), "{not json"), 400);
        problem(submit(P, key(), ""), 400);
        problem(submit(P, key(), "[1,2]"), 400);
        problem(submit(P, key(), deposit(REV, "1.005")), 400);
        problem(submit(P, key(), """
                {"type":"DEPOSIT","accountId":"%s","amount":1.00}""".formatted(REV)), 400);
        problem(submit(P, key(), """
                {"type":"TELEPORT","accountId":"%s"}""".formatted(REV)), 400);
        problem(submit(P, key(), """
                {"type":"DEPOSIT","accountId":"%s","amount":"1.00","amout":"2.00"}""".formatted(REV)), 400);
    }

    /** Found by ApiServerFuzzIT: an unknown charset was a 500, malformed UTF-8 became U+FFFD in the command. */
    @Test
    void shouldAnswerBadRequestWhenTheBodyIsNotUtf8AndIgnoreTheDeclaredCharset() throws Exception {
        // 0xFF is never valid UTF-8; decoded leniently it became U+FFFD in the owner id.
        byte[] invalidUtf8 = ("{\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"100.00\",\"ownerId\":\"caf\u00ff\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        problem(sendBytes(key(), "application/json", invalidUtf8), 400);

        HttpResponse<String> unknownCharset = sendBytes(
                key(),
                "application/json; charset=nonsense",
                deposit(REV, "1.00").getBytes(StandardCharsets.UTF_8));
        assertThat(ok(unknownCharset).path("outcome").asText()).isEqualTo("ACCEPTED");
    }

    private static HttpResponse<String> sendBytes(String idempotencyKey, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + "/portfolios/" + P + "/commands"))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", contentType)
                        .header("Authorization", "Bearer " + OPERATOR)
                        .header("Idempotency-Key", idempotencyKey)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bodyNamingAnotherPortfolioOrCommandIdIsABadRequest() throws Exception {
        problem(submit(P, key(), """
                {"portfolioId":"P2","type":"DEPOSIT","accountId":"%s","amount":"1.00"}""".formatted(REV)), 400);
        problem(submit(P, "key-a", """
                {"commandId":"key-b","type":"DEPOSIT","accountId":"%s","amount":"1.00"}""".formatted(REV)), 400);
        problem(submit("bad%20id", key(), deposit(REV, "1.00")), 400);
    }

    // ---------------------------------------------------------------- command status

    @Test
    void commandStatusShowsTheOutcome() throws Exception {
        JsonNode open = ok(get("/portfolios/" + P + "/commands/open-1", VIEWER));
        assertThat(open.path("commandId").asText()).isEqualTo("open-1");
        assertThat(open.path("portfolioId").asText()).isEqualTo(P);
        assertThat(open.path("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(open.path("consistencyToken").asText())
                .isEqualTo(openResult.path("consistencyToken").asText());

        String rejectedId = "com-withdrawal-status";
        ok(submit(P, rejectedId, """
                {"type":"WITHDRAWAL","accountId":"%s","amount":"5.00"}""".formatted(COM)));
        JsonNode rejected = ok(get("/portfolios/" + P + "/commands/" + rejectedId, VIEWER));
        assertThat(rejected.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("reasonCode").asText()).isEqualTo("WITHDRAWAL_FORBIDDEN");
        assertThat(rejected.has("consistencyToken")).isFalse();
    }

    @Test
    void unknownCommandIsNotFound() throws Exception {
        problem(get("/portfolios/" + P + "/commands/never-sent", VIEWER), 404);
        problem(get("/portfolios/NOBODY/commands/open-1", VIEWER), 404);
        problem(get("/portfolios/bad%20id/commands/open-1", VIEWER), 400);
    }

    // ---------------------------------------------------------------- instances, documents, health

    @Test
    void instancesListsThisInstanceWithEveryPartitionActive() throws Exception {
        JsonNode instances = ok(get("/instances", ADMIN));

        assertThat(instances.path("state").asText()).isEqualTo("RUNNING");
        assertThat(instances.path("instances")).hasSize(1);
        JsonNode self = instances.path("instances").get(0);
        assertThat(self.path("host").asText() + ":" + self.path("port").asInt()).isEqualTo(api.applicationServer());
        assertThat(self.path("self").asBoolean()).isTrue();
        assertThat(self.path("activePartitions")).extracting(JsonNode::asInt).containsExactly(0, 1, 2);
        assertThat(self.path("standbyPartitions")).isEmpty();
    }

    @Test
    void openApiDocumentAndHealthAreOpenWithoutAToken() throws Exception {
        HttpResponse<String> openApi = get("/openapi.json", null);
        assertThat(ok(openApi).path("openapi").asText()).startsWith("3.");
        assertThat(openApi.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));

        JsonNode live = ok(get("/health/live", null));
        assertThat(live.path("status").asText()).isEqualTo("UP");
        JsonNode ready = ok(get("/health/ready", null));
        assertThat(ready.path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("streamsState").asText()).isEqualTo("RUNNING");
    }

    @Test
    void unknownRouteIsAProblemNotFound() throws Exception {
        problem(get("/nope", null), 404);
        problem(get("/nope", ADMIN), 404);
        problem(get("/accounts", VIEWER), 404);
    }

    @Test
    void wrongMethodIsAProblemNotAServerError() throws Exception {
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            HttpResponse<String> response = send(method, "/accounts/x", ADMIN, "{}");
            assertThat(response.statusCode()).as("%s /accounts/x", method).isIn(404, 405);
            problem(response, response.statusCode());
        }
        HttpResponse<String> getOnCommands = get("/portfolios/" + P + "/commands", ADMIN);
        assertThat(getOnCommands.statusCode()).isIn(404, 405);
        problem(getOnCommands, getOnCommands.statusCode());
    }

    // ---------------------------------------------------------------- authentication and roles

    @Test
    void everyRouteAnswersPerTheRoleMatrix() throws Exception {
        Map<String, Role> callers = new LinkedHashMap<>();
        callers.put(null, null);
        callers.put("not-a-token", null);
        callers.put(VIEWER, Role.VIEWER);
        callers.put(OPERATOR, Role.OPERATOR);
        callers.put(ADMIN, Role.ADMIN);
        for (ApiRoutes.Route route : ApiRoutes.ALL) {
            for (Map.Entry<String, Role> caller : callers.entrySet()) {
                HttpResponse<String> response = example(route, caller.getKey());
                String what = route.method().name() + " " + route.path() + " as " + caller.getKey();
                if (route.role() == null
                        || caller.getValue() != null && caller.getValue().grants(route.role())) {
                    assertThat(response.statusCode()).as(what).isEqualTo(200);
                } else if (caller.getValue() == null) {
                    problem(response, 401);
                    assertThat(response.headers().firstValue("WWW-Authenticate"))
                            .as(what)
                            .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
                } else {
                    problem(response, 403);
                }
            }
        }
    }

    @Test
    void tokenMustBeABearerTokenInTheAuthorizationHeader() throws Exception {
        problem(send("GET", "/accounts/" + GEN, null, null, "Authorization", "Basic " + VIEWER), 401);
        problem(send("GET", "/accounts/" + GEN, null, null, "Authorization", VIEWER), 401);
        problem(send("GET", "/accounts/" + GEN, null, null, "Authorization", "Bearer"), 401);
        problem(get("/accounts/" + GEN + "?token=" + VIEWER, null), 401);
    }

    @Test
    void viewerAndOperatorMayNotSeeInstancesAndViewerMayNotSubmit() throws Exception {
        problem(get("/instances", VIEWER), 403);
        problem(get("/instances", OPERATOR), 403);
        problem(
                send("POST", "/portfolios/" + P + "/commands", VIEWER, deposit(REV, "1.00"), "Idempotency-Key", key()),
                403);
    }

    // ---------------------------------------------------------------- read-your-writes

    @Test
    void consistencyTokenOfAWriteGivesAReadThatIncludesIt() throws Exception {
        HttpResponse<String> write = submit(P, "ryw-" + UUID.randomUUID(), deposit(REV, "25.00"));
        JsonNode result = ok(write);
        String token = write.headers().firstValue(ConsistencyHeaders.TOKEN).orElseThrow();
        long written = sequenceOf(result, REV);

        JsonNode viaHeader = ok(send("GET", "/accounts/" + REV, VIEWER, null, ConsistencyHeaders.TOKEN, token));
        assertThat(viaHeader.path("lastSequence").asLong()).isGreaterThanOrEqualTo(written);
        JsonNode viaQuery = ok(get("/accounts/" + REV + "?consistencyToken=" + token, VIEWER));
        assertThat(viaQuery.path("lastSequence").asLong()).isGreaterThanOrEqualTo(written);
        JsonNode ledger = ok(
                get("/accounts/" + REV + "/ledger?fromSeq=" + written + "&limit=1&consistencyToken=" + token, VIEWER));
        assertThat(sequences(ledger)).containsExactly(written);
        ok(send("GET", "/portfolios/" + P, VIEWER, null, ConsistencyHeaders.TOKEN, token));
    }

    @Test
    void tokenOfACommandThatWroteNoLedgerEntryStillLetsTheLedgerAndPortfolioBeRead() throws Exception {
        String portfolio = "P-suspend";
        accepted(submit(portfolio, "open", """
                {"type":"OPEN_PORTFOLIO","capital":"100000.00","template":"MODERATE"}"""));
        HttpResponse<String> suspend = submit(portfolio, "suspend", """
                {"type":"SUSPEND","accountId":"%s:REV"}""".formatted(portfolio));
        accepted(suspend);
        String token = suspend.headers().firstValue(ConsistencyHeaders.TOKEN).orElseThrow();

        assertThat(ok(get("/accounts/" + portfolio + ":REV?consistencyToken=" + token, VIEWER))
                        .path("status")
                        .asText())
                .isEqualTo("SUSPENDED");
        assertThat(sequences(ok(get("/accounts/" + portfolio + ":REV/ledger?consistencyToken=" + token, VIEWER))))
                .containsExactly(1L);
        ok(get("/accounts/" + portfolio + ":REV/balance?asOf=" + Instant.now() + "&consistencyToken=" + token, VIEWER));
        ok(get("/portfolios/" + portfolio + "?consistencyToken=" + token, VIEWER));
        ok(get("/portfolios/" + portfolio + "/commands/suspend?consistencyToken=" + token, VIEWER));
    }

    @Test
    void tokenBeyondWhatTheStoreHasProcessedIsUnavailableAfterABoundedWait() throws Exception {
        int partition =
                Integer.parseInt(openResult.path("consistencyToken").asText().split(":")[0]);

        long start = System.nanoTime();
        HttpResponse<String> response =
                send("GET", "/accounts/" + GEN, VIEWER, null, ConsistencyHeaders.TOKEN, partition + ":999999999");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        problem(response, 503);
        assertThat(response.headers().firstValue("Retry-After"))
                .hasValueSatisfying(value -> assertThat(Integer.parseInt(value)).isPositive());
        assertThat(took).isGreaterThanOrEqualTo(CONSISTENCY_WAIT).isLessThan(CONSISTENCY_WAIT.plusSeconds(5));
        problem(get("/accounts/" + GEN + "?consistencyToken=" + partition + ":999999999", VIEWER), 503);
    }

    @Test
    void tokenOfAnotherPartitionDoesNotHoldUpTheRead() throws Exception {
        int partition =
                Integer.parseInt(openResult.path("consistencyToken").asText().split(":")[0]);
        int other = (partition + 1) % PARTITIONS;

        ok(send("GET", "/accounts/" + GEN, VIEWER, null, ConsistencyHeaders.TOKEN, other + ":999999999"));
    }

    @Test
    void malformedConsistencyTokenIsABadRequest() throws Exception {
        for (String token : List.of("nonsense", "1", ":5", "a:b", "1:-1", "-1:5", "1:2:3", "0:99999999999999999999")) {
            problem(send("GET", "/accounts/" + GEN, VIEWER, null, ConsistencyHeaders.TOKEN, token), 400);
        }
        problem(get("/accounts/" + GEN + "?consistencyToken=nonsense", VIEWER), 400);
        problem(get("/accounts/" + GEN + "/ledger?consistencyToken=nonsense", VIEWER), 400);
    }

    // ---------------------------------------------------------------- self-healing

    @Test
    void shouldAnswerSubmissionsAgainWhenAnUndecodableResultKilledTheFollowersConsumer() throws Exception {
        String portfolio = "P-heal";
        double restartsBefore = followerRestarts();
        // Same key as the command, so the poison sits before its result in the same partition: the
        // follower must fail on it, restart and skip it before it can see the result.
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(TopicNames.DEFAULT.commandResults(), portfolio, new byte[] {
                        7, 'n', 'o', 't', 'a', 'v', 'r', 'o'
                    }))
                    .get(30, TimeUnit.SECONDS);
        }

        accepted(submit(portfolio, "open-heal", OPEN_BODY));

        assertThat(followerRestarts()).isGreaterThanOrEqualTo(restartsBefore + 1);
        String scrape = ok200Text(get("/metrics", null));
        assertThat(scrape).containsPattern("(?m)^alluse_result_follower_restarts_total(\\{[^}]*})? [1-9]");
        assertThat(scrape).containsPattern("(?m)^alluse_result_follower_up(\\{[^}]*})? 1\\.0$");
    }

    private static double followerRestarts() {
        return meters.get(ApiServer.FOLLOWER_RESTARTS).functionCounter().count();
    }

    private static String ok200Text(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    // ---------------------------------------------------------------- helpers

    /** A request for the route that answers 200 when the caller may use it. */
    private static HttpResponse<String> example(ApiRoutes.Route route, String token)
            throws IOException, InterruptedException {
        String path = switch (route.path()) {
            case "/accounts/{accountId}" -> "/accounts/" + GEN;
            case "/accounts/{accountId}/ledger" -> "/accounts/" + GEN + "/ledger?limit=2";
            case "/accounts/{accountId}/balance" -> "/accounts/" + GEN + "/balance?asOf=" + Instant.now();
            case "/accounts/{accountId}/reconciliation" -> "/accounts/" + GEN + "/reconciliation";
            case "/accounts/{accountId}/strategy" -> "/accounts/" + GEN + "/strategy";
            case "/portfolios/{portfolioId}" -> "/portfolios/" + P;
            case "/portfolios/{portfolioId}/commands" -> "/portfolios/" + P + "/commands";
            case "/portfolios/{portfolioId}/commands/{commandId}" -> "/portfolios/" + P + "/commands/open-1";
            default -> route.path();
        };
        if (route.method().name().equals("POST")) {
            return send("POST", path, token, deposit(REV, "1.00"), "Idempotency-Key", key());
        }
        assertThat(route.method().name()).isEqualTo("GET");
        return get(path, token);
    }

    private static String deposit(String accountId, String amount) {
        return """
                {"type":"DEPOSIT","accountId":"%s","amount":"%s"}""".formatted(accountId, amount);
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    private static HttpResponse<String> submit(String portfolioId, String idempotencyKey, String body)
            throws IOException, InterruptedException {
        return send(
                "POST", "/portfolios/" + portfolioId + "/commands", OPERATOR, body, "Idempotency-Key", idempotencyKey);
    }

    private static JsonNode accepted(HttpResponse<String> response) throws IOException {
        JsonNode result = ok(response);
        assertThat(result.path("outcome").asText()).as("outcome of %s", result).isEqualTo("ACCEPTED");
        return result;
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode())
                .as("status of %s %s: %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    /** An RFC 7807 answer with the given status, saying nothing about the server's insides. */
    private static JsonNode problem(HttpResponse<String> response, int status) throws IOException {
        String what = response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " "
                + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith(ApiServer.PROBLEM_JSON));
        assertThat(response.body())
                .as(what)
                .doesNotContain("at com.")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").isTextual()).as(what).isTrue();
        assertThat(body.path("title").asText()).as(what).isNotBlank();
        assertThat(body.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(body.path("detail").asText()).as(what).isNotBlank();
        assertThat(body.path("instance").asText())
                .as(what)
                .isEqualTo(response.uri().getRawPath());
        return body;
    }

    private static List<Long> sequences(JsonNode page) {
        List<Long> sequences = new ArrayList<>();
        page.path("entries")
                .forEach(entry -> sequences.add(entry.path("sequence").asLong()));
        return sequences;
    }

    private static long sequenceOf(JsonNode result, String accountId) {
        for (JsonNode id : result.path("ledgerEntryIds")) {
            if (id.asText().startsWith(accountId + "#")) {
                return Long.parseLong(id.asText().substring(accountId.length() + 1));
            }
        }
        throw new AssertionError("no ledger entry of " + accountId + " in " + result);
    }

    private static long cents(String decimal) {
        return new java.math.BigDecimal(decimal).movePointRight(2).longValueExact();
    }
}
