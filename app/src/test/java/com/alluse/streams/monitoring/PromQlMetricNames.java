package com.alluse.streams.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, and the expressions of the deploy files that
 * hold PromQL: Grafana dashboards (every panel target's {@code expr} and every query variable)
 * and Prometheus rule files (every rule's {@code expr}).
 *
 * <p>Not a full PromQL parser: it removes what cannot be a metric name (strings, label matchers,
 * range and subquery durations, grouping label lists, Grafana variables, numbers), then keeps
 * the identifiers that are neither functions nor keywords. That suffices for the expressions we
 * write, and {@code PromQlMetricNamesTest} pins it down.
 */
final class PromQlMetricNames {
    /** Series Prometheus makes itself (scrape health, alert state): not exported by the app. */
    static final Set<String> SYNTHETIC = Set.of(
            "up",
            "scrape_duration_seconds",
            "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling",
            "scrape_series_added",
            "ALERTS",
            "ALERTS_FOR_STATE");

    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "and",
            "or",
            "unless",
            "offset",
            "inf",
            "nan",
            "atan2",
            "start",
            "end");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+-?\\w+");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])(?:0x[0-9a-fA-F]+|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\s*\\((.*),\\s*\\w+\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern METRIC_NAME_MATCHER =
            Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");

    private PromQlMetricNames() {}

    /** The metric names selected by one PromQL expression (or a Grafana {@code label_values(...)} query). */
    static Set<String> of(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher labelValues = LABEL_VALUES.matcher(expression);
        String expr = labelValues.matches() ? labelValues.group(1) : expression;
        Matcher byName = METRIC_NAME_MATCHER.matcher(expr);
        while (byName.find()) {
            names.add(byName.group(1));
        }
        String stripped = GRAFANA_VARIABLE.matcher(expr).replaceAll(" 1 ");
        stripped = STRING.matcher(stripped).replaceAll(" ");
        stripped = MATCHERS.matcher(stripped).replaceAll(" ");
        stripped = RANGES.matcher(stripped).replaceAll(" ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        stripped = OFFSET.matcher(stripped).replaceAll(" ");
        stripped = NUMBER.matcher(stripped).replaceAll(" ");
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean isCall = identifier.group(2) != null;
            if (!isCall && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every PromQL expression of a Grafana dashboard: panel targets (nested rows too) and query variables. */
    static List<String> dashboardExpressions(Path dashboard) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        List<String> exprs = new ArrayList<>();
        collectPanels(root.path("panels"), exprs);
        for (JsonNode variable : root.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                if (!text.isBlank()) {
                    exprs.add(text);
                }
            }
        }
        return exprs;
    }

    private static void collectPanels(JsonNode panels, List<String> exprs) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                if (!expr.isBlank()) {
                    exprs.add(expr);
                }
            }
            collectPanels(panel.path("panels"), exprs);
        }
    }

    /**
     * Every rule expression (alerting and recording) of a Prometheus rule file that selects series of
     * the scrape job (with {@code job="<job>"}): the stream instances' ({@code alluse}) or the Connect
     * workers' ({@code alluse-connect}).
     */
    static List<String> ruleExpressions(Path rules, String job) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(rules));
        String selector = "job=\"" + job + "\"";
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String expr = rule.path("expr").asText();
                if (expr.contains(selector)) {
                    exprs.add(expr);
                }
            }
        }
        return exprs;
    }

    /** Names recorded by recording rules: they are Prometheus' own series, not the app's. */
    static Set<String> recordedNames(Path rules) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(rules));
        Set<String> names = new TreeSet<>();
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.hasNonNull("record")) {
                    names.add(rule.path("record").asText());
                }
            }
        }
        return names;
    }

    /** Metric names of the sample lines of a Prometheus text exposition (comments skipped). */
    static Set<String> exposed(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
