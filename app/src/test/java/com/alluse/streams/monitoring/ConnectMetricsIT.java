package com.alluse.streams.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alluse.streams.connect.InProcessWorker;
import com.alluse.streams.connect.transforms.JsonLine;
import com.alluse.streams.connect.worker.WorkerSettings;
import com.alluse.streams.topology.BrokerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Connect worker (as {@code alluse connect} runs it) on the embedded broker and registry
 * with a healthy connector and one whose task fails (an export file in a directory that does not
 * exist): its {@code GET /metrics} reports the failed task, a real Prometheus scraping it as job
 * {@code alluse-connect} with the production rules (time-compressed) fires AllUseConnectTaskFailed
 * for that connector only, and the alert resolves once the connector is fixed.
 */
@Timeout(300)
class ConnectMetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String JOB = "alluse-connect";
    private static final String ALERT = "AllUseConnectTaskFailed";
    private static final String HEALTHY = "alluse-export-healthy";
    private static final String BROKEN = "alluse-export-broken";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private InProcessWorker worker;
    private PrometheusServer prometheus;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        kafka = new BrokerFixture(dir);
        worker = InProcessWorker.start(
                WorkerSettings.local(kafka.bootstrapServers(), kafka.registry.url(), dir.resolve("connect")));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {prometheus, worker, kafka}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void shouldReportAFailedTaskInTheMetricsAndFireTheAlertUntilTheConnectorIsFixed() throws Exception {
        worker.putConnector(HEALTHY, export(dir.resolve("ledger.jsonl")), WAIT);
        worker.putConnector(BROKEN, export(dir.resolve("no-such-dir").resolve("ledger.jsonl")), WAIT);
        await().atMost(WAIT)
                .until(() ->
                        taskState(BROKEN).equals("FAILED") && taskState(HEALTHY).equals("RUNNING"));

        String scrape = get("/metrics");
        assertThat(series(scrape, "kafka_connect_worker_connector_failed_task_count", BROKEN))
                .hasValue(1.0);
        assertThat(series(scrape, "kafka_connect_worker_connector_failed_task_count", HEALTHY))
                .hasValue(0.0);
        assertThat(series(scrape, "kafka_connect_worker_connector_running_task_count", HEALTHY))
                .hasValue(1.0);
        assertThat(series(scrape, "kafka_connect_connector_task_status", BROKEN, "status=\"failed\"", "task=\"0\""))
                .hasValue(1.0);
        assertThat(series(scrape, "kafka_connect_connector_task_status", HEALTHY, "status=\"running\""))
                .hasValue(1.0);
        assertThat(scrape).as("the JVM meters").contains("jvm_memory_used_bytes");
        Set<String> named = new HashSet<>();
        for (String expr :
                PromQlMetricNames.ruleExpressions(MetricsExportIT.DEPLOY.resolve("prometheus/alerts.yml"), JOB)) {
            named.addAll(PromQlMetricNames.of(expr));
        }
        named.removeAll(PromQlMetricNames.SYNTHETIC);
        assertThat(named).as("metrics the Connect rules name").isNotEmpty();
        assertThat(PromQlMetricNames.exposed(scrape))
                .as("exposed by the worker")
                .containsAll(named);

        Optional<Path> binary = PrometheusServer.binary();
        Assumptions.assumeTrue(
                binary.isPresent(), "prometheus is not on the PATH (apt-get install prometheus); .ci/run installs it");
        Path rules = dir.resolve("alerts-compressed.yml");
        Files.writeString(
                rules,
                TimeCompressedRules.compress(
                        Files.readString(MetricsExportIT.DEPLOY.resolve("prometheus/alerts.yml")),
                        TimeCompressedRules.MINUTES_TO_SECONDS));
        prometheus = PrometheusServer.start(
                binary.get(),
                Files.createDirectories(dir.resolve("prometheus")),
                rules,
                JOB,
                List.of(worker.restUrl().getHost() + ":" + worker.restUrl().getPort()));
        assertThat(prometheus.awaitTargetsUpAndEvaluated(JOB, WAIT))
                .as("the worker scraped and the rules evaluated (log %s)", prometheus.log())
                .isTrue();
        await().atMost(WAIT).until(() -> firing(BROKEN));
        assertThat(firing(HEALTHY)).as("no alert for the healthy connector").isFalse();

        worker.putConnector(BROKEN, export(dir.resolve("fixed.jsonl")), WAIT);
        await().atMost(WAIT).until(() -> taskState(BROKEN).equals("RUNNING"));
        await().atMost(WAIT)
                .until(() -> prometheus
                        .scalar("count(ALERTS{alertname=\"" + ALERT + "\"})")
                        .isEmpty());
        assertThat(series(get("/metrics"), "kafka_connect_worker_connector_failed_task_count", BROKEN))
                .hasValue(0.0);
    }

    /** Kafka's FileStreamSinkConnector with the JSON-lines transform, as config/file-export.properties has it. */
    private Map<String, String> export(Path file) {
        return Map.of(
                "connector.class",
                "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "tasks.max",
                "1",
                "topics",
                kafka.topics.ledger(),
                "file",
                file.toString(),
                "transforms",
                "json",
                "transforms.json.type",
                JsonLine.class.getName());
    }

    private boolean firing(String connector) throws Exception {
        return prometheus
                .scalar("ALERTS{alertname=\"" + ALERT + "\", alertstate=\"firing\", connector=\"" + connector + "\"}")
                .isPresent();
    }

    private String taskState(String connector) throws Exception {
        JsonNode tasks =
                JSON.readTree(get("/connectors/" + connector + "/status")).path("tasks");
        return tasks.isEmpty() ? "NONE" : tasks.get(0).path("state").asText();
    }

    /** The value of the series of {@code name} with {@code connector="..."} and the other label pairs. */
    private static Optional<Double> series(String scrape, String name, String connector, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> line.contains("connector=\"" + connector + "\""))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(worker.restUrl() + path.substring(1)))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return response.body();
    }
}
