package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.cli.AllUseCli;
import com.alluse.streams.client.PipelineAcls;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.localstack.BrokerSecurity;
import com.alluse.streams.localstack.EmbeddedKafkaBroker;
import com.alluse.streams.localstack.EmbeddedKafkaConfig;
import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import com.alluse.streams.monitoring.PrometheusServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Least privilege on a real broker with SASL/SCRAM-SHA-512 and StandardAuthorizer: the pipeline (with its HTTP
 * API), the CLI producer and a read-only consumer each run as a principal holding only the ACLs of
 * {@link PipelineAcls}, and work; a principal without them, or with a wrong password, is refused with one line
 * and exit code 6, not a loop of stack traces.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LeastPrivilegeIT {
    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final String APPLICATION_ID = "alluse-secured";
    private static final TopicNames TOPICS = TopicNames.DEFAULT;
    private static final String OPERATOR_TOKEN = "operator-t0ken-for-the-it";
    private static final BrokerSecurity SECURITY = new BrokerSecurity(
            "broker",
            "broker-pw-9f2",
            Map.of(
                    "app", "app-pw-61c",
                    "producer", "producer-pw-0ae",
                    "reader", "reader-pw-7d4",
                    "nobody", "nobody-pw-c15"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static InMemorySchemaRegistryServer registry;
    private static AppProcess app;
    private static int httpPort;

    @BeforeAll
    static void startSecuredBrokerGrantAclsAndRunThePipelineAsItsPrincipal() throws Exception {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.builder(dir.resolve("kafka"))
                .security(SECURITY)
                .build());
        registry = InMemorySchemaRegistryServer.start("127.0.0.1", 0);
        broker.grant(PipelineAcls.pipeline("User:app", TOPICS, APPLICATION_ID), Duration.ofSeconds(30));
        broker.grant(PipelineAcls.producer("User:producer", TOPICS), Duration.ofSeconds(30));
        broker.grant(PipelineAcls.reader("User:reader", TOPICS, null), Duration.ofSeconds(30));

        httpPort = PrometheusServer.freePort();
        Path tokens = Files.writeString(dir.resolve("tokens"), "operator " + OPERATOR_TOKEN + "\n");
        // The app's JAAS line comes from the environment (a Kubernetes secret); the file holds the rest.
        app = AppProcess.start(
                dir.resolve("app.log"),
                runArgs("app", httpPort, tokens),
                Map.of("ALLUSE_KAFKA_SASL_JAAS_CONFIG", jaas("app")));
        app.awaitReady(httpPort, STARTUP);
    }

    @AfterAll
    static void stopEverything() {
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

    @Test
    void shouldRunThePipelineTheHttpApiTheProducerAndTheReaderWithOnlyTheirAcls() throws Exception {
        JsonNode submitted = submit("P-http", "open-http");
        assertThat(submitted.path("outcome").asText())
                .as("the HTTP API wrote the command and read its result as User:app")
                .isEqualTo("ACCEPTED");

        Path commands = Files.writeString(
                dir.resolve("commands.jsonl"),
                "{\"commandId\":\"open-cli\",\"portfolioId\":\"P-cli\",\"type\":\"OPEN_PORTFOLIO\","
                        + "\"capital\":\"1000.00\"}\n");
        Run produce = cli("producer", "produce", "--file", commands.toString());
        assertThat(produce.exitCode()).as(produce.err()).isZero();
        assertThat(produce.out()).contains("produced 1 commands");

        Run consume = cli("reader", "consume", "results", "--max-records", "2", "--idle-timeout", "60s");
        assertThat(consume.exitCode()).as(consume.err()).isZero();
        List<String> commandIds = new ArrayList<>();
        for (String line : consume.out().strip().split("\n")) {
            commandIds.add(JSON.readTree(line).path("commandId").asText());
        }
        assertThat(commandIds).containsExactlyInAnyOrder("open-http", "open-cli");

        assertThat(app.tail()).doesNotContain(SECURITY.users().get("app"));
    }

    @Test
    void shouldRefuseAPrincipalWithoutAclsInOneLineWithExitCode6() throws IOException {
        Path commands = Files.writeString(
                dir.resolve("refused.jsonl"),
                "{\"commandId\":\"c-nobody\",\"portfolioId\":\"P-n\",\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"1.00\"}\n");

        Run produce = cli("nobody", "produce", "--file", commands.toString());
        Run consume = cli("producer", "consume", "results", "--idle-timeout", "1s");

        for (Run refused : List.of(produce, consume)) {
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(6);
            assertThat(refused.err().strip().lines()).as(refused.err()).hasSize(1);
            assertThat(refused.err()).contains("refused User:", "alluse acls").doesNotContain("\tat ", "pw-");
        }
        assertThat(produce.err()).contains("User:nobody", TOPICS.commands());
        assertThat(consume.err()).contains("User:producer", TOPICS.commandResults());
    }

    @Test
    void shouldRefuseAWrongPasswordInOneLineWithExitCode6() throws IOException {
        Path config = Files.writeString(
                dir.resolve("wrong.properties"),
                clientProperties("reader").replace(SECURITY.users().get("reader"), "not-the-password"));

        Run consume = cli(config, "consume", "results", "--idle-timeout", "1s");

        assertThat(consume.exitCode()).as(consume.err()).isEqualTo(6);
        assertThat(consume.err())
                .contains("refused the credentials of User:reader")
                .doesNotContain("\tat ");
        assertThat(consume.err()).doesNotContain("not-the-password");
    }

    @Test
    void shouldStopAPipelineWithoutAclsWithOneErrorLineAndExitCode6() throws Exception {
        Path log = dir.resolve("nobody-app.log");
        try (AppProcess refused = AppProcess.start(
                log,
                runArgs("nobody", PrometheusServer.freePort(), dir.resolve("tokens")),
                Map.of("ALLUSE_KAFKA_SASL_JAAS_CONFIG", jaas("nobody")))) {
            OptionalInt exitCode = refused.awaitExit(STARTUP);

            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exitCode).as(output).hasValue(6);
            assertThat(output.lines().filter(line -> line.startsWith("error: ")))
                    .as(output)
                    .singleElement()
                    .satisfies(line -> assertThat(line).contains("refused User:nobody", "alluse acls"));
            assertThat(output)
                    .doesNotContain("Stream thread died", SECURITY.users().get("nobody"));
        }
    }

    private static List<String> runArgs(String user, int port, Path tokens) throws IOException {
        return List.of(
                "--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.url(),
                "--kafka-config", securityFile(user, false).toString(),
                "--application-id", APPLICATION_ID,
                "--data-dir", dir.resolve("data-" + user).toString(),
                "--http-port", Integer.toString(port),
                "--http-tokens-file", tokens.toString(),
                "--standby-replicas", "0");
    }

    private static String jaas(String user) {
        return broker.connection(user).security().get("sasl.jaas.config");
    }

    /** The client settings of a user as a properties file, the JAAS line included or left to the environment. */
    private static Path securityFile(String user, boolean withJaas) throws IOException {
        String properties = clientProperties(user);
        if (!withJaas) {
            properties = properties
                    .lines()
                    .filter(line -> !line.startsWith("sasl.jaas.config"))
                    .reduce("", (all, line) -> all + line + "\n");
        }
        return Files.writeString(dir.resolve(user + (withJaas ? "-full" : "") + ".properties"), properties);
    }

    private static String clientProperties(String user) {
        StringBuilder text = new StringBuilder();
        broker.connection(user)
                .security()
                .forEach((key, value) ->
                        text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** One in-process CLI run. */
    private record Run(int exitCode, String out, String err) {}

    private static Run cli(String user, String... args) throws IOException {
        return cli(securityFile(user, true), args);
    }

    private static Run cli(Path kafkaConfig, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", registry.url(),
                "--kafka-config", kafkaConfig.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                AllUseCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static JsonNode submit(String portfolioId, String commandId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/portfolios/" + portfolioId + "/commands"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .header("Idempotency-Key", commandId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"1000.00\","
                        + "\"eventTime\":\"" + Instant.now() + "\"}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
