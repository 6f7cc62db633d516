package com.alluse.streams.cli;

import com.alluse.streams.client.AccessDenied;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.http.ApiServer;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.AppMetrics;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.PipelineRole;
import com.alluse.streams.topology.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs one stream instance. Without --bootstrap-servers it first starts the embedded default
 * (a local broker and an in-memory registry) and, unless --no-demo, a demo load.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the pipeline (embedded broker and registry unless --bootstrap-servers is given).")
final class RunCommand implements Callable<Integer> {
    private static final Duration PROVISIONING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private KafkaConnection kafka;

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "${env:ALLUSE_BOOTSTRAP_SERVERS}",
            description = "Kafka cluster to use (env ALLUSE_BOOTSTRAP_SERVERS). Absent: start an embedded broker.")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            defaultValue = "${env:ALLUSE_SCHEMA_REGISTRY_URL}",
            description =
                    "Schema registry (Confluent REST API) or mock://<scope> (env ALLUSE_SCHEMA_REGISTRY_URL). Absent: an in-memory registry served on --registry-port.")
    String schemaRegistryUrl;

    @Option(
            names = "--data-dir",
            defaultValue = "${env:ALLUSE_DATA_DIR:-.alluse-local}",
            description = "Broker data and stream state live here (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--registry-port",
            defaultValue = "8081",
            description = "Port of the embedded registry (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(
            names = "--application-id",
            defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application.id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--role",
            defaultValue = "${env:ALLUSE_ROLE:-ALL}",
            description = "What this instance runs: ALL (the ledger and the downstream processors), LEDGER, or"
                    + " DOWNSTREAM (monitoring, reconciliation, market instructions, under the application id"
                    + " + '-downstream'); env ALLUSE_ROLE (default: ${DEFAULT-VALUE}).")
    PipelineRole role;

    @Option(
            names = "--topic-prefix",
            defaultValue = "alluse.",
            description = "Prefix of every pipeline topic (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of the pipeline topics it creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--replication-factor",
            defaultValue = "1",
            description = "Replication of topics it creates, changelogs included (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--standby-replicas",
            defaultValue = "1",
            description =
                    "num.standby.replicas: warm copies of each store on other instances, used only when there are several (default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(
            names = "--processing-guarantee",
            defaultValue = StreamsConfig.EXACTLY_ONCE_V2,
            description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String processingGuarantee;

    @Option(
            names = "--commit-interval-ms",
            defaultValue = "100",
            description = "Transaction commit interval (default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(
            names = "--rocksdb-memory-bytes",
            defaultValue = "134217728",
            description = "Bound on RocksDB memory across all stores (default: ${DEFAULT-VALUE}).")
    long rocksDbMemoryBytes;

    @Option(
            names = "--idempotency-retention",
            defaultValue = "P7D",
            description = "How long command ids are remembered, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration idempotencyRetention;

    @CommandLine.Mixin
    RulesOptions rules = new RulesOptions();

    @CommandLine.Mixin
    ReconciliationOptions reconciliation = new ReconciliationOptions();

    @CommandLine.Mixin
    HttpOptions http = new HttpOptions();

    @CommandLine.Mixin
    KafkaSecurityOptions security = new KafkaSecurityOptions();

    @Option(
            names = "--max-thread-replacements",
            defaultValue = "" + AccountStreamsApp.DEFAULT_MAX_THREAD_REPLACEMENTS,
            description = "Dead stream threads replaced over the process's life; the next death stops it and"
                    + " /health/live turns 503, for its orchestrator to restart it. AllUseThreadReplacementsNearLimit"
                    + " fires from 5 (default: ${DEFAULT-VALUE}).")
    int maxThreadReplacements;

    @Option(
            names = "--startup-timeout",
            defaultValue = "PT30M",
            description =
                    "How long to wait for RUNNING, state restoration included, before giving up (default: ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Option(
            names = "--config",
            paramLabel = "KEY=VALUE",
            description =
                    "Any Kafka Streams or client setting, e.g. --config session.timeout.ms=10000 (repeatable; applied last).")
    Map<String, String> streamsOverrides = new HashMap<>();

    @Spec
    CommandSpec spec;

    @Option(
            names = "--demo",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Produce the demo load when running embedded (default: ${DEFAULT-VALUE}).")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        if (maxThreadReplacements < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--max-thread-replacements must not be negative, got " + maxThreadReplacements);
        }
        try {
            return runPipeline();
        } catch (RuntimeException e) {
            Optional<KafkaException> denied = AccessDenied.in(e);
            if (denied.isEmpty()) {
                throw e;
            }
            // One line and an exit code: credentials and ACLs do not heal by retrying.
            System.err.println("error: " + AccessDenied.describe(denied.get(), kafka, "running the pipeline"));
            return ExitCodes.NOT_AUTHORIZED;
        }
    }

    private Integer runPipeline() throws Exception {
        PrintStream out = System.out;
        // Ctrl-C: let the main thread close the app (leaving the group) and the local stack, bounded.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopRequested.countDown();
                            awaitQuietly(closed, SHUTDOWN_TIMEOUT);
                        },
                        "alluse-shutdown"));
        LocalStack local = null;
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            out.println("Starting the embedded Kafka broker and in-memory schema registry in "
                    + dataDir.toAbsolutePath() + " ...");
            local = LocalStack.start(dataDir, kafkaPort, registryPort, partitions);
            bootstrapServers = local.bootstrapServers();
            if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
                schemaRegistryUrl = local.registryUrl();
            }
        } else if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
            throw new IllegalArgumentException("--schema-registry-url is required with --bootstrap-servers");
        }
        kafka = security.connection(bootstrapServers);
        TopicNames topics = TopicNames.withPrefix(topicPrefix);
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", schemaRegistryUrl);
        PrometheusMeterRegistry registry = AppMetrics.prometheusRegistry();
        try (LocalStack localStack = local; // closed last, after the app and the API
                ApiServer api = ApiServer.start(http.settings(idempotencyRetention), registry);
                AccountStreamsApp app = new AccountStreamsApp(
                        pipeline(topics, serdeConfig),
                        role,
                        settings(api.applicationServer()).toProperties(),
                        Duration.ofSeconds(30),
                        registry,
                        maxThreadReplacements)) {
            api.attach(app.start(PROVISIONING_TIMEOUT), role, topics, kafka, serdeConfig);
            app.awaitRunning(startupTimeout);
            out.println("HTTP API on " + api.applicationServer() + " (try: curl http://" + api.applicationServer()
                    + "/instances)");
            out.println("Pipeline RUNNING (role " + role + ", application.id " + role.applicationId(applicationId)
                    + "): Kafka " + bootstrapServers + ", schema registry " + schemaRegistryUrl);
            if (localStack != null && demo && role.runsLedger()) {
                runDemo(out, topics, serdeConfig);
            }
            printWhereToLook(out, localStack != null);
            app.awaitStopped(stopRequested);
            if (app.accessDenied().isPresent()) {
                throw app.accessDenied().get();
            }
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private PipelineConfig pipeline(TopicNames topics, Map<String, Object> serdeConfig) {
        return new PipelineConfig(
                topics,
                partitions,
                replicationFactor,
                idempotencyRetention,
                rules.rules(),
                serdeConfig,
                reconciliation.config());
    }

    private StreamsSettings settings(String applicationServer) {
        return new StreamsSettings(
                role.applicationId(applicationId),
                bootstrapServers,
                dataDir.resolve("state"),
                threads,
                standbyReplicas,
                processingGuarantee,
                commitIntervalMs,
                rocksDbMemoryBytes,
                replicationFactor,
                applicationServer,
                overrides());
    }

    /** The security settings reach every Streams client (consumers, producers, admin); --config wins over them. */
    private Map<String, String> overrides() {
        Map<String, String> overrides = new HashMap<>(kafka.security());
        overrides.putAll(streamsOverrides);
        return overrides;
    }

    private void runDemo(PrintStream out, TopicNames topics, Map<String, Object> serdeConfig) {
        String runId = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
        DemoLoad demoLoad = new DemoLoad(bootstrapServers, serdeConfig, topics, runId);
        out.println("Producing the demo load (portfolios " + demoLoad.portfolio(1) + ", " + demoLoad.portfolio(2) + ", "
                + demoLoad.portfolio(3) + ") ...");
        DemoLoad.Summary summary = demoLoad.run(Duration.ofSeconds(60));
        out.println("Demo: " + summary.commands() + " commands -> " + summary.outcomes()
                + (summary.missingResults() > 0 ? ", " + summary.missingResults() + " results still missing" : ""));
        summary.rejections().forEach(rejection -> out.println("  rejected " + rejection));
    }

    private static void printWhereToLook(PrintStream out, boolean local) {
        out.println();
        out.println("Where to look (in another terminal):");
        out.println("  ./alluse consume results            # one result per command");
        out.println("  ./alluse consume ledger             # immutable ledger entries");
        out.println("  ./alluse consume account-state      # latest state per account");
        out.println("  ./alluse consume portfolio-events   # opened, forks, merges, reinvestments, breaches");
        out.println("  ./alluse consume dlq                # input that could not be processed");
        if (local) {
            out.println(
                    "  echo '{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"250000.00\"}' | ./alluse produce");
        }
        out.println("Press Ctrl-C to stop.");
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
