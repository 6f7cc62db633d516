package com.alluse.streams.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the binary on the PATH, Debian's {@code prometheus}) on a free
 * loopback port with its TSDB in a directory of the test: it scrapes the given targets as job
 * "alluse" (or another job) and evaluates the given rules file, both every {@link #INTERVAL}.
 */
public final class PrometheusServer implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final long POLL_MS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** The prometheus binary on the PATH, if any. */
    public static Optional<Path> binary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts it and waits until it is ready. A port taken between choosing it and Prometheus binding
     * it makes the process exit: then it is started again on another port.
     */
    public static PrometheusServer start(Path binary, Path dir, Path rulesFile, List<String> targets)
            throws IOException, InterruptedException {
        return start(binary, dir, rulesFile, "alluse", targets);
    }

    /** As {@link #start(Path, Path, Path, List)}, scraping the targets as {@code job}. */
    public static PrometheusServer start(Path binary, Path dir, Path rulesFile, String job, List<String> targets)
            throws IOException, InterruptedException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, config(rulesFile, job, targets));
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path log = dir.resolve("prometheus-" + attempt + ".log");
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dir.resolve("tsdb-" + attempt),
                            "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
            if (server.awaitReady()) {
                return server;
            }
            server.close();
            if (attempt == START_ATTEMPTS) {
                throw new IllegalStateException(
                        "Prometheus did not start " + START_ATTEMPTS + " times; last log: " + log);
            }
        }
    }

    private static String config(Path rulesFile, String job, List<String> targets) {
        StringBuilder yaml = new StringBuilder()
                .append("global:\n")
                .append("  scrape_interval: ")
                .append(INTERVAL.toSeconds())
                .append("s\n  scrape_timeout: ")
                .append(INTERVAL.toSeconds())
                .append("s\n  evaluation_interval: ")
                .append(INTERVAL.toSeconds())
                .append("s\nrule_files:\n  - ")
                .append(rulesFile)
                .append("\nscrape_configs:\n  - job_name: ")
                .append(job)
                .append("\n    static_configs:\n      - targets:\n");
        targets.forEach(target -> yaml.append("          - \"").append(target).append("\"\n"));
        return yaml.toString();
    }

    private boolean awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return true;
                }
            } catch (IOException notListeningYet) {
                // polled again below
            }
            Thread.sleep(POLL_MS);
        }
        return false;
    }

    /** Alert name -> "firing" or "pending", for every alert Prometheus holds now (instances of one name merged: firing wins). */
    public Map<String, String> alerts() throws IOException, InterruptedException {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode alert : data("/api/v1/alerts").path("alerts")) {
            states.merge(
                    alert.path("labels").path("alertname").asText(),
                    alert.path("state").asText(),
                    (a, b) -> "firing".equals(a) ? a : b);
        }
        return states;
    }

    /** The value of an instant query that returns one sample, if it returns any. */
    public Optional<Double> scalar(String promql) throws IOException, InterruptedException {
        JsonNode result = data("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .path("result");
        return result.isEmpty()
                ? Optional.empty()
                : Optional.of(result.get(0).path("value").get(1).asDouble());
    }

    /**
     * Waits until every target of {@code job} was scraped up and every rule group was evaluated
     * after that: only then do the alerts describe the targets rather than the moments before the
     * first scrape (when {@code absent(up == 1)} is true and an outage alert goes pending).
     *
     * @return whether that happened within the timeout
     */
    public boolean awaitTargetsUpAndEvaluated(String job, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (scalar("min(up{job=\"" + job + "\"})").orElse(0.0) < 1.0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        Instant upSeen = Instant.now();
        while (!everyGroupEvaluatedAfter(upSeen)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        return true;
    }

    private boolean everyGroupEvaluatedAfter(Instant moment) throws IOException, InterruptedException {
        JsonNode groups = data("/api/v1/rules").path("groups");
        for (JsonNode group : groups) {
            if (!Instant.parse(group.path("lastEvaluation").asText()).isAfter(moment)) {
                return false;
            }
        }
        return !groups.isEmpty();
    }

    public Path log() {
        return log;
    }

    private JsonNode data(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("data");
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(base.resolve(pathAndQuery))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A port free now, for a server of the test to bind. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            // Closing must not throw: keep the interrupt for the caller to see.
            Thread.currentThread().interrupt();
        }
    }
}
