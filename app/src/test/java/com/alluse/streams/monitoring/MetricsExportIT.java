package com.alluse.streams.monitoring;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static com.alluse.streams.client.AccountCommands.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.client.Clients;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.http.ApiServer;
import com.alluse.streams.http.HttpSettings;
import com.alluse.streams.localstack.EmbeddedKafkaBroker;
import com.alluse.streams.localstack.EmbeddedKafkaConfig;
import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.AppMetrics;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and alert rules under {@code deploy/} only name metrics the app really exports:
 * a broker, a registry and one instance in-process, some traffic (a fork, a rejection, a record
 * for the dead-letter topic), then every metric name of every panel query and rule expression
 * must be among the sample names scraped from {@code /metrics} over HTTP.
 *
 * <p>Names are compared as Prometheus sees them, on the scraped sample lines: counters carry
 * {@code _total}, timers/histograms {@code _bucket}, {@code _count}, {@code _sum} (and
 * Micrometer's {@code _max}), so a query naming a base name without the suffix is reported.
 */
@Timeout(300)
class MetricsExportIT {
    /** Deploy files, seen from the module directory (surefire/failsafe run with user.dir = the module). */
    static final Path DEPLOY =
            Path.of(System.getProperty("user.dir")).resolve("../deploy").normalize();

    private static final Duration STARTUP = Duration.ofSeconds(90);
    /**
     * Micrometer's Kafka binder lists the client's metrics when bound (before the streams start,
     * so no task or store metric exists yet) and then every refresh interval: 60 s in
     * micrometer-core 1.17 ({@code KafkaMetrics.DEFAULT_REFRESH_INTERVAL}, read below when it
     * can be). Task, store, RocksDB and restore metrics appear only after the first refresh.
     */
    private static final Duration KAFKA_BINDER_REFRESH = kafkaBinderRefreshInterval();

    @TempDir
    Path dir;

    private EmbeddedKafkaBroker broker;
    private InMemorySchemaRegistryServer schemaRegistry;
    private ApiServer api;
    private AccountStreamsApp app;
    private final TopicNames topics = TopicNames.DEFAULT;
    private Map<String, Object> serdeConfig;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws InterruptedException {
        broker = EmbeddedKafkaBroker.start(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build());
        schemaRegistry = InMemorySchemaRegistryServer.start("127.0.0.1", 0);
        serdeConfig = Map.of("schema.registry.url", schemaRegistry.url());
        PrometheusMeterRegistry meters = AppMetrics.prometheusRegistry();
        api = ApiServer.start(HttpSettings.local("127.0.0.1", 0), meters);
        PipelineConfig pipeline =
                new PipelineConfig(topics, 3, (short) 1, Duration.ofDays(7), RulesConfig.DEFAULTS, serdeConfig);
        StreamsSettings settings = new StreamsSettings(
                StreamsSettings.DEFAULT_APPLICATION_ID,
                broker.bootstrapServers(),
                dir.resolve("state"),
                1,
                0,
                StreamsConfig.EXACTLY_ONCE_V2,
                100,
                64L * 1024 * 1024,
                (short) 1,
                api.applicationServer(),
                Map.of());
        app = new AccountStreamsApp(pipeline, settings.toProperties(), Duration.ofSeconds(30), meters);
        api.attach(app.start(STARTUP), topics, KafkaConnection.plaintext(broker.bootstrapServers()), serdeConfig);
        app.awaitRunning(STARTUP);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (api != null) {
            api.close();
        }
        if (schemaRegistry != null) {
            schemaRegistry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldExportEveryMetricTheDashboardsAndAlertRulesName() throws Exception {
        long boundAtNanos = System.nanoTime();
        Map<String, Set<String>> referencedBy = referencedMetricNames();
        assertThat(referencedBy).as("metric names found in the deploy files").hasSizeGreaterThan(20);

        produceTraffic();

        // Business counters first (they come through the monitoring sub-topology), then wait for
        // the binder's refresh to list task/store metrics: bounded by two refresh intervals.
        long deadline = boundAtNanos
                + KAFKA_BINDER_REFRESH.multipliedBy(2).plusSeconds(30).toNanos();
        String scrape = scrape();
        Set<String> missing = missing(referencedBy.keySet(), scrape);
        while ((!missing.isEmpty() || !trafficVisible(scrape)) && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            scrape = scrape();
            missing = missing(referencedBy.keySet(), scrape);
        }
        Path saved = Path.of(System.getProperty("user.dir"), "target", "metrics-export-scrape.txt");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, scrape);

        assertThat(trafficVisible(scrape))
                .as("fork, rejection and dead letter counted (scrape saved in %s)", saved)
                .isTrue();
        Map<String, Set<String>> unexported = new TreeMap<>();
        missing.forEach(name -> unexported.put(name, referencedBy.get(name)));
        assertThat(unexported)
                .as("metrics named by deploy files but not exported (scrape saved in %s)", saved)
                .isEmpty();

        // Reading them while a stream thread closes its stores crashes the JVM, and Micrometer's
        // binder reads every metric it is offered (PropertyMetricsFreeKafkaStreams).
        assertThat(app.streams().metrics().keySet())
                .as("metrics Kafka Streams offers its readers")
                .noneMatch(name -> name.group().equals("stream-state-metrics")
                        && Set.of("estimate-num-keys", "cur-size-all-mem-tables", "block-cache-usage")
                                .contains(name.name()))
                .anyMatch(name -> name.group().equals("stream-thread-metrics"));
        assertThat(scrape)
                .as("RocksDB property metrics of Kafka Streams (scrape saved in %s)", saved)
                .doesNotContain("kafka_stream_state_estimate_num_keys")
                .doesNotContain("kafka_stream_state_cur_size_all_mem_tables")
                .doesNotContain("kafka_stream_state_block_cache_usage")
                .contains("alluse_rocksdb_memory_usage_bytes");

        assertThat(get("/health/live").statusCode()).as("/health/live").isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).as("/health/ready").isEqualTo(200);
    }

    /** Metric name -> the deploy files naming it. */
    private static Map<String, Set<String>> referencedMetricNames() throws IOException {
        Map<String, Set<String>> referencedBy = new TreeMap<>();
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            dashboards =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).as("dashboards in %s", DEPLOY).isNotEmpty();
        for (Path dashboard : dashboards) {
            for (String expr : PromQlMetricNames.dashboardExpressions(dashboard)) {
                PromQlMetricNames.of(expr)
                        .forEach(name -> referencedBy
                                .computeIfAbsent(name, n -> new TreeSet<>())
                                .add(DEPLOY.relativize(dashboard).toString()));
            }
        }
        Path alerts = DEPLOY.resolve("prometheus/alerts.yml");
        Set<String> recorded = PromQlMetricNames.recordedNames(alerts);
        for (String expr : PromQlMetricNames.ruleExpressions(alerts, "alluse")) {
            PromQlMetricNames.of(expr)
                    .forEach(name -> referencedBy
                            .computeIfAbsent(name, n -> new TreeSet<>())
                            .add(DEPLOY.relativize(alerts).toString()));
        }
        referencedBy.keySet().removeAll(PromQlMetricNames.SYNTHETIC);
        referencedBy.keySet().removeAll(recorded);
        return referencedBy;
    }

    private static Set<String> missing(Set<String> referenced, String scrape) {
        Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(PromQlMetricNames.exposed(scrape));
        return missing;
    }

    private static boolean trafficVisible(String scrape) {
        return positive(scrape, "alluse_forks_total ")
                && positive(scrape, "alluse_commands_total{kind=\"DEPOSIT\",outcome=\"REJECTED\"}")
                && positive(scrape, "alluse_dead_letters_total{reason=\"DESERIALIZATION_FAILED\"}");
    }

    private static boolean positive(String scrape, String seriesPrefix) {
        return scrape.lines()
                .filter(line -> line.startsWith(seriesPrefix))
                .anyMatch(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0);
    }

    /** A portfolio that forks, deposits, a rejected deposit of zero and a withdrawal, and garbage for the DLQ. */
    private void produceTraffic() throws Exception {
        long now = System.currentTimeMillis();
        String p = "PM1";
        List<AccountCommand> commands = new ArrayList<>();
        commands.add(command("m-open", p, now, openPortfolio(30_000_000L, null)));
        commands.add(command("m-premium", p, now + 1, premium(p + ":GEN", 6_000_000L)));
        for (int i = 0; i < 20; i++) {
            commands.add(command("m-deposit-" + i, p, now + 2 + i, deposit(p + ":REV", 10_000L + i)));
        }
        commands.add(command("m-zero", p, now + 30, deposit(p + ":REV", 0)));
        commands.add(command("m-withdraw", p, now + 31, withdrawal(p + ":COM", 100_000L)));
        try (KafkaProducer<String, SpecificRecord> producer =
                Clients.producer(broker.bootstrapServers(), serdeConfig)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (AccountCommand c : commands) {
                sends.add(producer.send(new ProducerRecord<>(topics.commands(), c.getPortfolioId(), c)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(
                            topics.commands(), p.getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 42, 1, 2, 3
                            }))
                    .get();
        }
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).as("/metrics").isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Duration kafkaBinderRefreshInterval() {
        try {
            Field field = Class.forName("io.micrometer.core.instrument.binder.kafka.KafkaMetrics")
                    .getDeclaredField("DEFAULT_REFRESH_INTERVAL");
            field.setAccessible(true);
            return (Duration) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Duration.ofSeconds(60);
        }
    }
}
