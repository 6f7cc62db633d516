package com.alluse.streams.app;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.monitoring.PrometheusServer;
import com.alluse.streams.monitoring.TimeCompressedRules;
import com.alluse.streams.topology.BrokerFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault-injection campaign watched by a real Prometheus: it scrapes an instance (its own JVM)
 * every second and evaluates the production alert rules, time-compressed (a minute of every
 * {@code for:} and range window is a second, {@link TimeCompressedRules}). Each round injects a
 * stream-thread crash, poison input and a SIGKILL, each followed by a healthy period; the alerts
 * are read from Prometheus's API. It fails when a fault is not detected by its alert, when the
 * instance does not recover, or when an alert fires in a healthy period; the figures (detection
 * and recovery times) are printed and saved in target/alert-campaign.md.
 */
@Timeout(600)
class AlertCampaignIT {
    private static final Path DEPLOY =
            Path.of(System.getProperty("user.dir")).resolve("../deploy").normalize();
    private static final int ROUNDS = 2;
    private static final long SEED = 2026;
    /** A healthy period lasts this plus up to {@link #HEALTHY_JITTER_MS}: faults come at varying moments. */
    private static final Duration HEALTHY = Duration.ofSeconds(10);

    private static final int HEALTHY_JITTER_MS = 3_000;
    private static final int HEALTHY_COMMANDS = 5;
    /** Far above every compressed for: (at most 30 s) plus scrape and evaluation: a miss, not a slow detection. */
    private static final Duration DETECTION_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final long POLL_MS = 250;
    private static final byte[] GARBAGE = "not a command".getBytes(StandardCharsets.UTF_8);
    private static final String PORTFOLIO = "PC1";

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private PrometheusServer prometheus;
    private AppProcess app;
    private int generation;
    private int commandsSent;
    private final int httpPort = PrometheusServer.freePort();
    private final Random random = new Random(SEED);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<Set<String>> healthyWindows = new ArrayList<>();
    private Map<String, Duration> forDurations;

    /** One injected fault: what fired, when, and how the instance came back. */
    private record Outcome(
            String scenario,
            int round,
            String expected,
            Optional<Duration> detection,
            Set<String> fired,
            String recovery,
            Optional<Duration> recoveryTime) {}

    @BeforeEach
    void start() throws Exception {
        Optional<Path> binary = PrometheusServer.binary();
        Assumptions.assumeTrue(
                binary.isPresent(), "prometheus is not on the PATH (apt-get install prometheus); .ci/run installs it");
        kafka = new BrokerFixture(dir);
        app = startApp();
        Path rules = dir.resolve("alerts-compressed.yml");
        Files.writeString(
                rules,
                TimeCompressedRules.compress(
                        Files.readString(DEPLOY.resolve("prometheus/alerts.yml")),
                        TimeCompressedRules.MINUTES_TO_SECONDS));
        forDurations = forDurations(rules);
        Path prometheusDir = Files.createDirectories(dir.resolve("prometheus"));
        prometheus = PrometheusServer.start(binary.get(), prometheusDir, rules, List.of("127.0.0.1:" + httpPort));
        // Before the first scrape absent(up == 1) holds and AllUseNoInstanceUp goes pending: the first
        // healthy period once saw it fire. The campaign starts when the alerts describe a scraped instance.
        assertThat(prometheus.awaitTargetsUpAndEvaluated("alluse", WAIT))
                .as("the instance scraped up and the rules evaluated after it (log %s)", prometheus.log())
                .isTrue();
        kafka.produce(
                List.of(command("open", PORTFOLIO, System.currentTimeMillis(), openPortfolio(10_000_000L, null))));
        commandsSent = 1;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldDetectEveryInjectedFaultAndStayQuietWhileHealthy() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            // The process must not have written a dead letter yet (its serializer would have the
            // schema cached and survive the registry outage): round 1 starts fresh, later rounds
            // follow a restart.
            healthy();
            outcomes.add(threadCrash(round));
            healthy();
            outcomes.add(poisonInput(round));
            healthy();
            outcomes.add(hardKill(round));
        }
        healthy();

        String report = report();
        System.out.println(report);
        Path saved = Path.of(System.getProperty("user.dir"), "target", "alert-campaign.md");
        Files.createDirectories(saved.getParent());
        Files.writeString(saved, report);
        for (Outcome outcome : outcomes) {
            assertThat(outcome.detection())
                    .as(
                            "%s round %d: %s fired (log %s)",
                            outcome.scenario(), outcome.round(), outcome.expected(), prometheus.log())
                    .isPresent();
            assertThat(outcome.recoveryTime())
                    .as("%s round %d: recovered", outcome.scenario(), outcome.round())
                    .isPresent();
        }
        assertThat(healthyWindows)
                .as("alerts firing in healthy periods")
                .allSatisfy(fired -> assertThat(fired).isEmpty());
    }

    // ------------------------------------------------------------------ scenarios

    /** The registry goes away just before the first dead letter needs its schema: writing it kills the thread. */
    private Outcome threadCrash(int round) throws Exception {
        long replacementsBefore = threadReplacements();
        kafka.stopRegistry();
        long faultAt = System.nanoTime();
        kafka.produceRaw(kafka.topics.commands(), PORTFOLIO.getBytes(StandardCharsets.UTF_8), GARBAGE);
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (threadReplacements() <= replacementsBefore && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MS);
            }
        } finally {
            kafka.restartRegistry();
        }
        Set<String> fired = new TreeSet<>();
        Optional<Duration> detection = awaitFiring("AllUseStreamThreadFailed", faultAt, fired);
        return new Outcome(
                "stream thread crash",
                round,
                "AllUseStreamThreadFailed",
                detection,
                fired,
                "automatic (thread replaced)",
                awaitRecovery(faultAt, fired));
    }

    private Outcome poisonInput(int round) throws Exception {
        long faultAt = System.nanoTime();
        kafka.produceRaw(kafka.topics.commands(), PORTFOLIO.getBytes(StandardCharsets.UTF_8), GARBAGE);
        Set<String> fired = new TreeSet<>();
        Optional<Duration> detection = awaitFiring("AllUseDeadLetters", faultAt, fired);
        return new Outcome(
                "poison input",
                round,
                "AllUseDeadLetters",
                detection,
                fired,
                "automatic (dead-lettered, processing goes on)",
                awaitRecovery(faultAt, fired));
    }

    /** SIGKILL; once the alert fired, the orchestrator's part: start it again on the same state and port. */
    private Outcome hardKill(int round) throws Exception {
        app.kill();
        long faultAt = System.nanoTime();
        Set<String> fired = new TreeSet<>();
        Optional<Duration> detection = awaitFiring("AllUseInstanceDown", faultAt, fired);
        app = startApp();
        return new Outcome(
                "instance SIGKILL",
                round,
                "AllUseInstanceDown",
                detection,
                fired,
                "restart by the orchestrator",
                awaitRecovery(faultAt, fired));
    }

    /**
     * A healthy period: once every alert has resolved, some commands are processed and for a while
     * no alert may fire.
     */
    private void healthy() throws Exception {
        awaitNoAlerts(
                outcomes.isEmpty()
                        ? new TreeSet<>()
                        : outcomes.get(outcomes.size() - 1).fired());
        List<AccountCommand> deposits = new ArrayList<>();
        for (int i = 0; i < HEALTHY_COMMANDS; i++) {
            deposits.add(command(
                    "d" + commandsSent + "-" + i,
                    PORTFOLIO,
                    System.currentTimeMillis(),
                    deposit(PORTFOLIO + ":REV", 100)));
        }
        kafka.produce(deposits);
        commandsSent += HEALTHY_COMMANDS;
        awaitResults();
        Set<String> fired = new TreeSet<>();
        long end = System.nanoTime() + HEALTHY.toNanos() + random.nextInt(HEALTHY_JITTER_MS) * 1_000_000L;
        while (System.nanoTime() < end) {
            fired.addAll(firing(prometheus.alerts()));
            Thread.sleep(POLL_MS);
        }
        healthyWindows.add(fired);
    }

    // ------------------------------------------------------------------ observing

    /** Time from the fault to the alert firing, collecting every alert that fires meanwhile. */
    private Optional<Duration> awaitFiring(String alert, long faultAt, Set<String> fired) throws Exception {
        long deadline = faultAt + DETECTION_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> now = firing(prometheus.alerts());
            fired.addAll(now);
            if (now.contains(alert)) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - faultAt));
            }
            Thread.sleep(POLL_MS);
        }
        return Optional.empty();
    }

    /** Time from the fault until the instance is ready and processes commands again, or empty if it does not. */
    private Optional<Duration> awaitRecovery(long faultAt, Set<String> fired) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (readyStatus() != 200) {
            fired.addAll(firing(prometheus.alerts()));
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            Thread.sleep(POLL_MS);
        }
        kafka.produce(List.of(
                command("r" + commandsSent, PORTFOLIO, System.currentTimeMillis(), deposit(PORTFOLIO + ":REV", 100))));
        commandsSent++;
        awaitResults();
        return Optional.of(Duration.ofNanos(System.nanoTime() - faultAt));
    }

    /**
     * Every alert resolved (none firing or pending), else the campaign cannot tell faults apart;
     * what fires meanwhile is the last fault's doing.
     */
    private void awaitNoAlerts(Set<String> fired) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, String> alerts = prometheus.alerts();
        while (!alerts.isEmpty() && System.nanoTime() < deadline) {
            fired.addAll(firing(alerts));
            Thread.sleep(POLL_MS);
            alerts = prometheus.alerts();
        }
        assertThat(alerts)
                .as("alerts resolved after the fault (log %s)", prometheus.log())
                .isEmpty();
    }

    private void awaitResults() {
        int expected = commandsSent;
        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= expected, WAIT);
    }

    private static Set<String> firing(Map<String, String> alerts) {
        Set<String> firing = new TreeSet<>();
        alerts.forEach((name, state) -> {
            if ("firing".equals(state)) {
                firing.add(name);
            }
        });
        return firing;
    }

    private long threadReplacements() throws IOException, InterruptedException {
        return get("/metrics")
                .body()
                .lines()
                .filter(line -> line.startsWith("alluse_stream_thread_replacements_total"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private int readyStatus() {
        try {
            return get("/health/ready").statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private AppProcess startApp() throws Exception {
        AppProcess started = AppProcess.start(
                dir.resolve("app-" + generation++ + ".log"),
                List.of(
                        "--bootstrap-servers", kafka.bootstrapServers(),
                        "--schema-registry-url", kafka.registry.url(),
                        "--data-dir", dir.resolve("app").toString(),
                        "--http-port", String.valueOf(httpPort),
                        "--partitions", "3",
                        // A killed member must leave the group quickly for its restart to get the partitions back.
                        "--config", "session.timeout.ms=6000",
                        "--config", "heartbeat.interval.ms=1000"));
        started.awaitRunning(WAIT);
        return started;
    }

    // ------------------------------------------------------------------ figures

    private String report() {
        StringBuilder table = new StringBuilder()
                .append("| scenario | round | expected alert | detected after | for: + 2 evaluations + 1 scrape"
                        + " | alerts fired | recovery | recovered after |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            table.append("| ")
                    .append(o.scenario())
                    .append(" | ")
                    .append(o.round())
                    .append(" | ")
                    .append(o.expected())
                    .append(" | ")
                    .append(o.detection().map(AlertCampaignIT::seconds).orElse("NOT DETECTED"))
                    .append(" | ")
                    .append(seconds(detectionBound(o.expected())))
                    .append(o.detection()
                            .filter(d -> d.compareTo(detectionBound(o.expected())) <= 0)
                            .map(d -> " (met)")
                            .orElse(" (missed)"))
                    .append(" | ")
                    .append(String.join(", ", o.fired()))
                    .append(" | ")
                    .append(o.recovery())
                    .append(" | ")
                    .append(o.recoveryTime().map(AlertCampaignIT::seconds).orElse("NOT RECOVERED"))
                    .append(" |\n");
        }
        long noisy = healthyWindows.stream().filter(w -> !w.isEmpty()).count();
        table.append("\nHealthy periods: ")
                .append(healthyWindows.size())
                .append(", with an alert firing: ")
                .append(noisy)
                .append(' ')
                .append(healthyWindows)
                .append('\n');
        return table.toString();
    }

    /** The detection criterion: the alert's (compressed) for:, two evaluations and the scrape that sees the fault. */
    private Duration detectionBound(String alert) {
        return forDurations.getOrDefault(alert, Duration.ZERO).plus(PrometheusServer.INTERVAL.multipliedBy(3));
    }

    private static Map<String, Duration> forDurations(Path rules) throws IOException {
        Map<String, Duration> durations = new TreeMap<>();
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(rules.toFile());
        for (JsonNode group : tree.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String seconds = rule.path("for").asText("0s");
                durations.put(
                        rule.path("alert").asText(),
                        Duration.ofSeconds(Long.parseLong(seconds.substring(0, seconds.length() - 1))));
            }
        }
        return durations;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
