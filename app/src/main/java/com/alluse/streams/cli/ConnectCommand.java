package com.alluse.streams.cli;

import com.alluse.streams.connect.worker.ConnectWorker;
import com.alluse.streams.connect.worker.WorkerSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a Kafka Connect worker with the project's plugins (the webhook sink, the Avro converter) and
 * Kafka's own (FileStream) on its classpath, against the cluster of {@code alluse run} by default.
 */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        description = {
            "Run a Kafka Connect worker (Apache Kafka's connect-runtime) with the ALL-USE plugins: the webhook sink "
                    + "(com.alluse.streams.connect.webhook.WebhookSinkConnector), the Avro converter (the worker's "
                    + "value converter, reading with the given registry) and Kafka's FileStreamSinkConnector.",
            "Its REST API is Connect's (GET /connectors, PUT /connectors/{name}/config, "
                    + "GET /connectors/{name}/status, PUT .../pause, POST .../restart), plus GET /metrics for "
                    + "Prometheus (the worker's, connectors' and tasks' metrics). Sink consumers read "
                    + "read_committed. Standalone by default; --distributed joins a worker group whose configs, "
                    + "offsets and status live in Kafka. Ctrl-C stops it."
        },
        footer = "%nExit codes: 0 stopped; 2 bad options or connector file; 3 the worker could not start.")
final class ConnectCommand implements Callable<Integer> {
    private static final Duration CONNECTOR_TIMEOUT = Duration.ofSeconds(60);

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:ALLUSE_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description =
                    "Kafka cluster (env ALLUSE_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}, that of `alluse run`).")
    String bootstrapServers;

    @Option(
            names = "--schema-registry-url",
            paramLabel = "URL",
            defaultValue = "${env:ALLUSE_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081}",
            description = "Schema registry the Avro converter reads (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(
            names = "--distributed",
            description = "Distributed mode: join worker group --group-id (state in Kafka topics <group-id>.*).")
    boolean distributed;

    @Option(
            names = "--group-id",
            defaultValue = "alluse-connect",
            description = "Distributed mode: worker group and prefix of its topics (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(
            names = "--replication-factor",
            defaultValue = "1",
            description = "Distributed mode: replication of the worker's topics (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(
            names = "--rest-host",
            defaultValue = "${env:ALLUSE_CONNECT_REST_HOST:-127.0.0.1}",
            description = "Address of Connect's REST API and its /metrics (env ALLUSE_CONNECT_REST_HOST; default: "
                    + "${DEFAULT-VALUE}; 0.0.0.0 in a container).")
    String restHost;

    @Option(
            names = "--rest-port",
            defaultValue = "8083",
            description = "Port of Connect's REST API (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(
            names = "--data-dir",
            defaultValue = "${env:ALLUSE_DATA_DIR:-.alluse-local}",
            description =
                    "Standalone mode: the offsets file is <data-dir>/connect/connect.offsets (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--connector",
            paramLabel = "FILE",
            description = "A connector's .properties file (with name=...) to create or replace at start (repeatable).")
    List<Path> connectorFiles = new ArrayList<>();

    @Option(
            names = "--config",
            paramLabel = "KEY=VALUE",
            description =
                    "Any Connect worker setting, e.g. --config offset.flush.interval.ms=5000 (repeatable; applied last).")
    Map<String, String> workerOverrides = new HashMap<>();

    @Override
    public Integer call() {
        return ExitCodes.run(new PrintWriter(System.err, true), "running the Connect worker", this::runWorker);
    }

    private int runWorker() {
        List<Map<String, String>> connectors =
                connectorFiles.stream().map(ConnectCommand::connectorConfig).toList();
        try {
            Files.createDirectories(dataDir.resolve("connect"));
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot create " + dataDir.resolve("connect") + ": " + e, e);
        }
        ConnectWorker worker = ConnectWorker.start(settings());
        System.out.println("Kafka Connect worker up; REST API at " + worker.restUrl());
        for (Map<String, String> connector : connectors) {
            create(worker, connector);
        }
        worker.awaitStop(); // Connect's own shutdown hook stops it on Ctrl-C
        return ExitCodes.OK;
    }

    private static void create(ConnectWorker worker, Map<String, String> connector) {
        String name = connector.get("name");
        try {
            worker.putConnector(name, connector, CONNECTOR_TIMEOUT);
        } catch (ExecutionException e) {
            worker.close();
            throw new CliFailure(
                    ExitCodes.USAGE,
                    "connector " + name + " refused: " + e.getCause().getMessage(),
                    e);
        } catch (TimeoutException e) {
            worker.close();
            throw new CliFailure(
                    ExitCodes.KAFKA_FAILURE, "connector " + name + " not created within " + CONNECTOR_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.close();
            throw new CliFailure(ExitCodes.KAFKA_FAILURE, "interrupted while creating connector " + name, e);
        }
        System.out.println("Connector " + name + " created: " + worker.restUrl() + "connectors/" + name + "/status");
    }

    WorkerSettings settings() {
        return new WorkerSettings(
                distributed,
                bootstrapServers,
                schemaRegistryUrl,
                dataDir.resolve("connect"),
                restHost,
                restPort,
                groupId,
                replicationFactor,
                workerOverrides);
    }

    /** A connector's settings from a .properties file, as Connect's standalone CLI reads them. */
    static Map<String, String> connectorConfig(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot read connector file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> config = new HashMap<>();
        properties
                .stringPropertyNames()
                .forEach(key -> config.put(key, properties.getProperty(key).trim()));
        if (config.getOrDefault("name", "").isBlank()) {
            throw new CliFailure(ExitCodes.USAGE, "connector file " + file + " has no name=...", null);
        }
        return config;
    }
}
