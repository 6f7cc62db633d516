package com.alluse.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules: every rule carries a {@code for:}, a severity, a summary, a description and a
 * runbook link into docs/operations.md; every alert has a firing and a quiet case in
 * alerts-test.yml; and, when promtool is on the PATH (Debian's prometheus package; .ci/run
 * installs it), the rules, their unit tests and the compose Prometheus config pass promtool.
 */
class PrometheusRulesTest {
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Duration PROMTOOL_TIMEOUT = Duration.ofSeconds(120);

    private final Path rulesDir = DeployFiles.deploy("prometheus");
    private final JsonNode rules = DeployFiles.yaml(rulesDir.resolve("alerts.yml"));

    @Test
    void shouldDescribeEveryAlertAndLinkItsRunbook() {
        Set<String> anchors =
                markdownAnchors(DeployFiles.text(DeployFiles.repoRoot().resolve("docs/operations.md")));
        List<String> names = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("alert").asText();
                assertThat(name).as("only alerting rules, named AllUse*").startsWith("AllUse");
                names.add(name);
                assertThat(rule.path("expr").asText()).as("%s expr", name).isNotBlank();
                assertThat(rule.path("for").asText()).as("%s for:", name).matches("\\d+[smh]");
                assertThat(rule.path("labels").path("severity").asText())
                        .as("%s severity", name)
                        .isIn(SEVERITIES);
                JsonNode annotations = rule.path("annotations");
                assertThat(annotations.path("summary").asText())
                        .as("%s summary", name)
                        .isNotBlank();
                assertThat(annotations.path("description").asText())
                        .as("%s description", name)
                        .isNotBlank();
                String runbook = annotations.path("runbook_url").asText();
                assertThat(runbook).as("%s runbook_url", name).startsWith("docs/operations.md#");
                assertThat(anchors)
                        .as("section of docs/operations.md that %s links to", name)
                        .contains(runbook.substring(runbook.indexOf('#') + 1));
            }
        }
        assertThat(names).as("alert names").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(8);
        assertThat(names)
                .contains(
                        "AllUseInstanceDown",
                        "AllUseStreamThreadFailed",
                        "AllUseConsumerLagGrowing",
                        "AllUseCommandLatencyHigh",
                        "AllUseRejectionRateHigh",
                        "AllUseDeadLetters",
                        "AllUseRocksDbMemoryNearBound",
                        "AllUseDrawdownBreach");
    }

    @Test
    void shouldTestEveryAlertFiringAndQuiet() {
        JsonNode tests = DeployFiles.yaml(rulesDir.resolve("alerts-test.yml"));
        assertThat(tests.path("rule_files").toString()).contains("alerts.yml");
        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String alert = check.path("alertname").asText();
                (check.path("exp_alerts").isEmpty() ? quiet : firing).add(alert);
            }
        }
        Set<String> alerts = new TreeSet<>();
        rules.path("groups")
                .forEach(group -> group.path("rules")
                        .forEach(rule -> alerts.add(rule.path("alert").asText())));
        assertThat(firing).as("alerts shown to fire").containsAll(alerts);
        assertThat(quiet).as("alerts shown to stay quiet on healthy series").containsAll(alerts);
    }

    @Test
    void shouldPassPromtool() {
        Optional<ExternalTool> promtool = ExternalTool.onPath("promtool");
        Assumptions.assumeTrue(
                promtool.isPresent(), "promtool is not on the PATH (apt-get install prometheus); .ci/run runs it");
        promtool(promtool.get(), "check", "rules", "alerts.yml");
        promtool(promtool.get(), "test", "rules", "alerts-test.yml");
        promtool(promtool.get(), "check", "config", "prometheus.yml");
    }

    private void promtool(ExternalTool promtool, String... args) {
        ExternalTool.Result result = promtool.run(rulesDir, PROMTOOL_TIMEOUT, List.of(args));
        assertThat(result.exitCode())
                .as("promtool %s:%n%s", String.join(" ", args), result.output())
                .isZero();
    }

    /** GitHub-style anchors of the markdown headings: lower case, punctuation dropped, spaces to dashes. */
    static Set<String> markdownAnchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher heading = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$").matcher(markdown);
        while (heading.find()) {
            String text = heading.group(1).replaceAll("`", "").toLowerCase(Locale.ROOT);
            anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }
}
