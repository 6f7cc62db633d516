package com.alluse.streams.connect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.connect.ForkingPipeline;
import com.alluse.streams.connect.ShippedConnectors;
import com.alluse.streams.connect.worker.WorkerSettings;
import com.alluse.streams.domain.Money;
import com.alluse.streams.http.ApiServer;
import com.alluse.streams.http.HttpSettings;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.AppMetrics;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.CommandMix;
import com.alluse.streams.topology.PipelineChecks;
import com.alluse.streams.topology.StreamsSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped PostgreSQL connector configurations (Debezium's JDBC sink on the worker's plugin
 * path) in a real Connect worker, fed by the real pipeline on the embedded broker and registry,
 * writing to a real PostgreSQL server. The worker runs as a child JVM, so that it can be killed
 * (SIGKILL) mid-load and started again. The account rows are compared with the topic and with
 * what the HTTP API answers ({@code GET /accounts/{id}}); a tombstone deletes its row.
 */
@Timeout(900)
class PostgresReportingIT {
    private static final Duration WAIT = Duration.ofSeconds(240);
    private static final String DATABASE = "alluse_reporting";
    private static final Path PLUGIN_PATH = Path.of("target", "connect-plugins");
    private static final List<String> CONNECTORS =
            List.of("postgres-accounts.properties", "postgres-ledger.properties", "postgres-events.properties");
    private static final int COMMANDS = 3_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PostgresServer postgres;
    private BrokerFixture kafka;
    private AccountStreamsApp app;
    private ApiServer api;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process worker;
    private int workerStarts;

    @BeforeEach
    void start() throws Exception {
        var bin = PostgresServer.installedBin();
        Assumptions.assumeTrue(
                bin.isPresent(),
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; .ci/run installs Debian's postgresql)");
        assertThat(PLUGIN_PATH.resolve("debezium-connector-jdbc"))
                .as("the Debezium plugin, unpacked at generate-resources")
                .isDirectory();
        postgres = PostgresServer.start(bin.get());
        postgres.createDatabase(DATABASE, List.of(Path.of("sql", "01-tables.sql"), Path.of("sql", "02-views.sql")));
        kafka = new BrokerFixture(dir);
        PrometheusMeterRegistry meters = AppMetrics.prometheusRegistry();
        api = ApiServer.start(HttpSettings.local("127.0.0.1", 0), meters);
        Properties streams = StreamsSettings.local(kafka.bootstrapServers(), dir.resolve("state"))
                .toProperties();
        streams.put(StreamsConfig.APPLICATION_SERVER_CONFIG, api.applicationServer());
        app = new AccountStreamsApp(
                kafka.pipeline(ForkingPipeline.PARTITIONS, ForkingPipeline.RULES),
                streams,
                Duration.ofSeconds(30),
                meters);
        api.attach(
                app.start(WAIT), kafka.topics, KafkaConnection.plaintext(kafka.bootstrapServers()), kafka.serdeConfig);
        app.awaitRunning(WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.destroyForcibly().waitFor();
        }
        for (AutoCloseable closeable : new AutoCloseable[] {api, app, kafka, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void shouldKeepTheReportingTablesEqualToThePipelineOutputsWhenTheWorkerIsKilledMidLoad() throws Exception {
        List<AccountCommand> commands = new CommandMix(11, 12, 3_000_000).generate(COMMANDS);
        startWorker();
        kafka.produce(commands.subList(0, COMMANDS / 2));
        await().atMost(WAIT)
                .failFast("the worker exited", () -> !worker.isAlive())
                .until(() -> count("ledger_entries") > 0);
        worker.destroyForcibly().waitFor(); // SIGKILL: no offset commit, no clean close
        kafka.produce(commands.subList(COMMANDS / 2, COMMANDS));
        startWorker();
        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= COMMANDS, WAIT);

        Map<String, AccountState> states =
                PipelineChecks.latestStates(kafka.readToEnd(kafka.topics.accountState(), AccountState.class, WAIT));
        List<LedgerEntry> ledger = kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT);
        Set<String> eventIds = kafka.readToEnd(kafka.topics.portfolioEvents(), PortfolioEvent.class, WAIT).stream()
                .map(PortfolioEvent::getEventId)
                .collect(Collectors.toSet());
        Map<String, String> expectedAccounts = new HashMap<>();
        states.forEach((id, s) -> expectedAccounts.put(
                id, accountRow(s.getBalanceCents(), s.getStatus(), s.getPrincipalCents(), s.getLastSequence())));
        Set<String> expectedLedger = ledger.stream()
                .map(e -> ledgerRow(
                        e.getEntryId(),
                        e.getAccountId(),
                        e.getSequence(),
                        e.getAmountCents(),
                        e.getBalanceAfterCents()))
                .collect(Collectors.toSet());

        await().atMost(WAIT)
                .failFast("the worker exited", () -> !worker.isAlive())
                .untilAsserted(() -> {
                    assertThat(count("accounts")).as("account rows").isEqualTo(expectedAccounts.size());
                    assertThat(accountRows()).isEqualTo(expectedAccounts);
                    assertThat(ledgerRows()).isEqualTo(expectedLedger);
                    assertThat(ids("SELECT event_id FROM portfolio_events")).isEqualTo(eventIds);
                });
        assertThat(ledger).hasSize(expectedLedger.size()); // no entry twice on the topic either
        assertThat(count("ledger_entries")).isEqualTo(ledger.size());
        assertThat(ids("SELECT fork_id FROM fork_history")).as("forks").isNotEmpty();
        assertThat(ids("SELECT merge_id FROM fork_history WHERE merge_id IS NOT NULL"))
                .as("merges")
                .isNotEmpty();
        long openCents = states.values().stream()
                .filter(s -> !s.getStatus().name().equals("CLOSED"))
                .mapToLong(AccountState::getBalanceCents)
                .sum();
        assertThat(longValue("SELECT sum(balance_cents) FROM aum_by_account_type"))
                .isEqualTo(openCents);
        assertThat(longValue("SELECT count(*) FROM account_fork_tree")).isEqualTo(states.size());
        assertAccountRowsAnswerAsTheApi();

        // The pipeline writes no tombstones (a closed account stays, CLOSED); an operator erasing an
        // account does: its row goes, the others stay.
        String erased = states.keySet().iterator().next();
        kafka.produceRaw(kafka.topics.accountState(), erased.getBytes(StandardCharsets.UTF_8), null);
        await().atMost(WAIT)
                .failFast("the worker exited", () -> !worker.isAlive())
                .until(() -> !accountRows().containsKey(erased));
        Map<String, String> remaining = new HashMap<>(expectedAccounts);
        remaining.remove(erased);
        assertThat(accountRows()).as("the other accounts").isEqualTo(remaining);
        System.out.printf(
                "accounts %d, ledger entries %d, events %d, worker starts %d%n",
                states.size(), ledger.size(), eventIds.size(), workerStarts);
    }

    /** Every account row as {@code GET /accounts/{id}} answers it: balance, status and principal. */
    private void assertAccountRowsAnswerAsTheApi() throws Exception {
        Map<String, String> rows = new HashMap<>();
        query(
                "SELECT account_id, balance_cents, status, principal_cents FROM accounts",
                r -> rows.put(
                        r.getString(1),
                        Money.toDecimalString(r.getLong(2)) + "|" + r.getString(3) + "|"
                                + Money.toDecimalString(r.getLong(4))));
        Map<String, String> answered = new HashMap<>();
        for (String accountId : rows.keySet()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/accounts/"
                                    + URLEncoder.encode(accountId, StandardCharsets.UTF_8)))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("GET /accounts/%s: %s", accountId, response.body())
                    .isEqualTo(200);
            JsonNode account = JSON.readTree(response.body());
            answered.put(
                    accountId,
                    account.get("balance").asText() + "|"
                            + account.get("status").asText() + "|"
                            + account.get("principal").asText());
        }
        assertThat(rows).as("account rows against the HTTP API").isNotEmpty().isEqualTo(answered);
    }

    private static String accountRow(long balanceCents, Object status, long principalCents, long lastSequence) {
        return balanceCents + "|" + status + "|" + principalCents + "|" + lastSequence;
    }

    private static String ledgerRow(String id, String account, long sequence, long amountCents, long afterCents) {
        return id + "|" + account + "|" + sequence + "|" + amountCents + "|" + afterCents;
    }

    /** A Connect worker in a child JVM (the test's classpath), running the shipped connector files. */
    private void startWorker() throws IOException {
        workerStarts++;
        Map<String, String> overrides = new HashMap<>();
        overrides.put("plugin.path", PLUGIN_PATH.toAbsolutePath().toString());
        overrides.put("offset.flush.interval.ms", "1000");
        // A killed worker's consumers leave the group only when their session expires (45 s default).
        overrides.put("consumer.session.timeout.ms", "10000");
        WorkerSettings settings = WorkerSettings.local(
                        kafka.bootstrapServers(), kafka.registry.url(), dir.resolve("connect"))
                .withOverrides(overrides);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.kafka.connect.cli.ConnectStandalone",
                write("worker.properties", settings.toProperties()).toString()));
        for (String connector : CONNECTORS) {
            command.add(write(connector, connectorConfig(connector)).toString());
        }
        Files.createDirectories(dir.resolve("connect"));
        worker = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workerLog().toFile())
                .start();
    }

    /** Kept under target/ after the test, for a failure's diagnosis. */
    private Path workerLog() throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "postgres-reporting-it"));
        return logs.resolve("worker-" + workerStarts + ".log");
    }

    /** A shipped connector file, pointed at the test's server. */
    private Map<String, String> connectorConfig(String file) {
        return ShippedConnectors.load(
                file,
                Map.of(
                        "connection.url", postgres.jdbcUrl(DATABASE),
                        "connection.username", "postgres",
                        "connection.password", "unused-with-trust"));
    }

    private Path write(String name, Map<String, String> props) throws IOException {
        Properties properties = new Properties();
        properties.putAll(props);
        Path file = dir.resolve(name);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, null);
        }
        return file;
    }

    private Map<String, String> accountRows() throws SQLException {
        Map<String, String> rows = new HashMap<>();
        query(
                "SELECT account_id, balance_cents, status, principal_cents, last_sequence FROM accounts",
                r -> rows.put(r.getString(1), accountRow(r.getLong(2), r.getString(3), r.getLong(4), r.getLong(5))));
        return rows;
    }

    private Set<String> ledgerRows() throws SQLException {
        Set<String> rows = new HashSet<>();
        query(
                "SELECT entry_id, account_id, sequence, amount_cents, balance_after_cents FROM ledger_entries",
                r -> rows.add(ledgerRow(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5))));
        return rows;
    }

    private Set<String> ids(String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        query(sql, r -> ids.add(r.getString(1)));
        return ids;
    }

    private long count(String table) throws SQLException {
        return longValue("SELECT count(*) FROM " + table);
    }

    private long longValue(String sql) throws SQLException {
        long[] value = new long[1];
        query(sql, r -> value[0] = r.getLong(1));
        return value[0];
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, RowReader reader) throws SQLException {
        try (Connection connection = postgres.connect(DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }
}
