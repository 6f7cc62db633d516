package com.alluse.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards are well-formed: unique uids and panel ids, panels inside the 24-column
 * grid, every panel querying the data source variable with PromQL. (That the queries name only
 * exported metrics is MetricsExportIT's job, in the app module.)
 */
class GrafanaDashboardsTest {
    @Test
    void shouldHaveTheSystemAndBusinessDashboards() throws IOException {
        List<Path> dashboards = dashboards();
        assertThat(dashboards).extracting(p -> p.getFileName().toString()).contains("system.json", "business.json");
        Set<String> uids = new HashSet<>();
        for (Path file : dashboards) {
            JsonNode dashboard = DeployFiles.json(file);
            assertThat(uids.add(dashboard.path("uid").asText()))
                    .as("uid of %s is unique", file.getFileName())
                    .isTrue();
            assertThat(dashboard.path("title").asText()).isNotBlank();
            assertThat(dashboard.path("id").isMissingNode()
                            || dashboard.path("id").isNull())
                    .as("no instance-specific id")
                    .isTrue();
        }
    }

    @Test
    void shouldQueryThePrometheusDatasourceVariableInEveryPanel() throws IOException {
        for (Path file : dashboards()) {
            JsonNode dashboard = DeployFiles.json(file);
            List<String> variables = new ArrayList<>();
            dashboard
                    .path("templating")
                    .path("list")
                    .forEach(v -> variables.add(v.path("name").asText()));
            assertThat(variables).as("%s variables", file.getFileName()).contains("datasource", "job", "instance");

            Set<Integer> ids = new HashSet<>();
            int queries = 0;
            for (JsonNode panel : dashboard.path("panels")) {
                String title = file.getFileName() + " / " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt()))
                        .as("%s id unique", title)
                        .isTrue();
                JsonNode grid = panel.path("gridPos");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                        .as("%s fits the grid", title)
                        .isLessThanOrEqualTo(24);
                assertThat(grid.path("h").asInt()).as("%s height", title).isPositive();
                if ("row".equals(panel.path("type").asText())) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asText())
                        .as("%s data source", title)
                        .isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as("%s targets", title).isNotEmpty();
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asText())
                            .as("%s expr", title)
                            .isNotBlank();
                    assertThat(refIds.add(target.path("refId").asText()))
                            .as("%s refId unique", title)
                            .isTrue();
                    assertThat(target.path("expr").asText())
                            .as("%s filters by the job and instance variables", title)
                            .contains("job=~\"$job\"")
                            .contains("instance=~\"$instance\"");
                    queries++;
                }
            }
            assertThat(queries).as("%s queries", file.getFileName()).isGreaterThan(10);
        }
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.deploy("grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
