package com.alluse.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alertmanager configuration: the routes send every severity where the escalation policy says
 * (amtool, on the cases of routes-test.txt, which .ci/run also runs), every alert name it refers to
 * is one of alerts.yml, and on a real Alertmanager (Debian's prometheus-alertmanager) a cause
 * inhibits its consequences and nothing else.
 */
class AlertmanagerConfigTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration INHIBITION_VISIBLE = Duration.ofSeconds(30);
    private static final long POLL_MS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir = DeployFiles.deploy("alertmanager");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path storage;

    @Test
    void shouldPassAmtoolAndRouteEverySeverityToItsReceivers() {
        ExternalTool amtool = tool("amtool");
        assertSucceeds(amtool, List.of("check-config", "alertmanager.yml"));
        List<String> cases = routingCases();
        assertThat(cases).as("routing cases").hasSizeGreaterThanOrEqualTo(4);
        for (String line : cases) {
            String[] parts = line.trim().split("\\s+");
            List<String> args = new ArrayList<>(List.of(
                    "config", "routes", "test", "--config.file=alertmanager.yml", "--verify.receivers=" + parts[0]));
            args.addAll(Arrays.asList(parts).subList(1, parts.length));
            assertSucceeds(amtool, args);
        }
        ExternalTool.Result wrong = amtool.run(
                dir,
                TOOL_TIMEOUT,
                List.of(
                        "config",
                        "routes",
                        "test",
                        "--config.file=alertmanager.yml",
                        "--verify.receivers=page",
                        "severity=warning"));
        assertThat(wrong.exitCode()).as("a warning does not page").isNotZero();
    }

    @Test
    void shouldNameOnlyAlertsOfTheRules() {
        List<String> alerts = new ArrayList<>();
        DeployFiles.yaml(DeployFiles.deploy("prometheus/alerts.yml"))
                .path("groups")
                .forEach(group -> group.path("rules")
                        .forEach(rule -> alerts.add(rule.path("alert").asText())));
        String config = DeployFiles.text(dir.resolve("alertmanager.yml"));
        java.util.regex.Matcher named =
                java.util.regex.Pattern.compile("AllUse[A-Za-z]+").matcher(config);
        while (named.find()) {
            assertThat(alerts)
                    .as("alert %s named by alertmanager.yml", named.group())
                    .contains(named.group());
        }
    }

    @Test
    @Timeout(120)
    void shouldInhibitTheConsequencesOfAnInstanceDownAndOfNoInstanceUp() throws Exception {
        ExternalTool binary = tool("prometheus-alertmanager", "alertmanager");
        int port = freePort();
        Process alertmanager = new ProcessBuilder(
                        binary.program().toString(),
                        "--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + storage,
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=") // no HA gossip: one standalone instance
                .redirectErrorStream(true)
                .redirectOutput(storage.resolve("alertmanager.log").toFile())
                .start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitReady(base, alertmanager);
            post(
                    base,
                    List.of(
                            alert("AllUseInstanceDown", "critical", "a"),
                            alert("AllUseStreamThreadFailed", "warning", "a"),
                            alert("AllUseStreamThreadFailed", "warning", "b"),
                            alert("AllUseCommandLatencyHigh", "warning", null),
                            alert("AllUseDeadLetters", "warning", null)));
            Map<String, String> expected = new TreeMap<>(Map.of(
                    "AllUseInstanceDown/a", "active",
                    "AllUseStreamThreadFailed/a", "suppressed",
                    "AllUseStreamThreadFailed/b", "active",
                    "AllUseCommandLatencyHigh/", "suppressed",
                    "AllUseDeadLetters/", "active"));
            assertThat(awaitStates(base, expected)).as("instance a down").isEqualTo(expected);

            post(base, List.of(alert("AllUseNoInstanceUp", "critical", null)));
            expected.replaceAll((alert, state) -> "suppressed");
            expected.put("AllUseNoInstanceUp/", "active");
            assertThat(awaitStates(base, expected)).as("no instance up").isEqualTo(expected);
        } finally {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static ExternalTool tool(String... names) {
        Optional<ExternalTool> tool = ExternalTool.onPath(names);
        Assumptions.assumeTrue(
                tool.isPresent(),
                names[0] + " is not on the PATH (apt-get install prometheus-alertmanager); .ci/run installs it");
        return tool.get();
    }

    private void assertSucceeds(ExternalTool amtool, List<String> args) {
        ExternalTool.Result result = amtool.run(dir, TOOL_TIMEOUT, args);
        assertThat(result.exitCode())
                .as("amtool %s:%n%s", String.join(" ", args), result.output())
                .isZero();
    }

    private List<String> routingCases() {
        return DeployFiles.text(dir.resolve("routes-test.txt"))
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    private static Map<String, Object> alert(String name, String severity, String instance) {
        Map<String, String> labels = new TreeMap<>(Map.of("alertname", name, "job", "alluse", "severity", severity));
        if (instance != null) {
            labels.put("instance", instance);
        }
        Instant now = Instant.now();
        return Map.of(
                "labels", labels,
                "startsAt", now.toString(),
                "endsAt", now.plus(Duration.ofHours(1)).toString());
    }

    private void post(URI base, List<Map<String, Object>> alerts) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/api/v2/alerts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(alerts)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("POST /api/v2/alerts: %s", response.body())
                .isEqualTo(200);
    }

    /** "alertname/instance" -> state, polled until it is the expected one (inhibition is applied asynchronously). */
    private Map<String, String> awaitStates(URI base, Map<String, String> expected) throws Exception {
        long deadline = System.nanoTime() + INHIBITION_VISIBLE.toNanos();
        Map<String, String> states = states(base);
        while (!states.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MS);
            states = states(base);
        }
        return states;
    }

    private Map<String, String> states(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/api/v2/alerts")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> states = new TreeMap<>();
        for (JsonNode alert : JSON.readTree(response.body())) {
            JsonNode labels = alert.path("labels");
            states.put(
                    labels.path("alertname").asText() + "/"
                            + labels.path("instance").asText(""),
                    alert.path("status").path("state").asText());
        }
        return states;
    }

    private void awaitReady(URI base, Process alertmanager) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline && alertmanager.isAlive()) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(base.resolve("/-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // polled again below
            }
            Thread.sleep(POLL_MS);
        }
        throw new AssertionError(
                "Alertmanager did not become ready (log: " + storage.resolve("alertmanager.log") + ")");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
