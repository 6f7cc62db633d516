package com.alluse.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose stack, without a Docker engine: the YAML parses, every service's ports, volumes,
 * build and dependencies refer to things that exist, and the pieces point at each other (the
 * app at Kafka and the registry, Prometheus at the app, its rules and the Alertmanager, Grafana at
 * Prometheus and the dashboards).
 */
class ComposeFileTest {
    private static final Pattern PORT = Pattern.compile("(?:[\\d.]+:)?(\\d+):(\\d+)(?:/(?:tcp|udp))?");

    private final Path composeFile = DeployFiles.deploy("compose/docker-compose.yml");
    private final Path composeDir = composeFile.getParent();
    private final JsonNode compose = DeployFiles.yaml(composeFile);
    private final JsonNode services = compose.path("services");

    @Test
    void shouldDefineTheLocalStack() {
        assertThat(fieldNames(services)).contains("kafka", "schema-registry", "app", "prometheus", "grafana");
        JsonNode kafka = services.path("kafka");
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(env(kafka).get("KAFKA_PROCESS_ROLES"))
                .as("KRaft: broker and controller in one node")
                .contains("broker")
                .contains("controller");
        assertThat(env(kafka)).as("no ZooKeeper").doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(services.path("schema-registry").path("image").asText()).startsWith("apicurio/apicurio-registry:");
    }

    @Test
    void shouldReferToExistingFilesVolumesAndServices() {
        Set<String> namedVolumes = fieldNames(compose.path("volumes"));
        for (String name : fieldNames(services)) {
            JsonNode service = services.path(name);
            assertThat(service.hasNonNull("image") || service.hasNonNull("build"))
                    .as("%s has an image or a build", name)
                    .isTrue();
            for (JsonNode port : service.path("ports")) {
                assertThat(port.asText()).as("%s port", name).matches(PORT);
            }
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(composeDir.resolve(source).normalize())
                            .as("%s bind mount %s", name, volume.asText())
                            .exists();
                } else {
                    assertThat(namedVolumes)
                            .as("%s named volume %s is declared", name, source)
                            .contains(source);
                }
            }
            JsonNode dependsOn = service.path("depends_on");
            Set<String> dependencies = dependsOn.isArray() ? values(dependsOn) : fieldNames(dependsOn);
            assertThat(fieldNames(services)).as("%s depends on", name).containsAll(dependencies);
        }
    }

    @Test
    void shouldBuildTheAppImageFromThePackagedJar() {
        JsonNode build = services.path("app").path("build");
        Path context = composeDir.resolve(build.path("context").asText()).normalize();
        assertThat(context.resolve("pom.xml"))
                .as("build context is the repository root")
                .exists();
        Path dockerfile = context.resolve(build.path("dockerfile").asText());
        assertThat(dockerfile).exists();
        assertThat(dockerfile).isEqualTo(DeployFiles.deploy("Dockerfile"));

        String text = DeployFiles.text(dockerfile);
        assertThat(text).containsPattern("(?m)^FROM eclipse-temurin:17-jre");
        List<String> copied = new ArrayList<>();
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(\\S+)").matcher(text);
        while (copy.find()) {
            copied.add(copy.group(1));
        }
        String appPom = DeployFiles.text(DeployFiles.repoRoot().resolve("app/pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(appPom);
        assertThat(finalName.find()).as("app's finalName").isTrue();
        assertThat(copied)
                .as("the Dockerfile copies what `mvn package` builds")
                .contains("app/target/" + finalName.group(1) + ".jar", "app/target/lib/");
        assertThat(appPom)
                .as("the runtime libraries land in target/lib, the jar's class-path prefix")
                .contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>")
                .contains("<classpathPrefix>lib/</classpathPrefix>");
        String ignore = DeployFiles.text(dockerfile.resolveSibling("Dockerfile.dockerignore"));
        for (String source : copied) {
            assertThat(ignore)
                    .as("Dockerfile.dockerignore lets %s into the context", source)
                    .contains("!" + source);
        }
    }

    @Test
    void shouldWireTheAppToKafkaAndTheRegistryAndPublishItsHttpPort() {
        JsonNode app = services.path("app");
        Map<String, String> env = env(app);
        String httpPort = env.get("ALLUSE_HTTP_PORT");
        assertThat(containerPorts(app)).as("published container ports of app").contains(httpPort);
        assertThat(env.get("ALLUSE_HTTP_HOST")).isEqualTo("0.0.0.0");
        assertThat(env.get("ALLUSE_ADVERTISED_HOST"))
                .as("other containers reach the app by its service name")
                .isEqualTo("app");
        assertThat(env.get("ALLUSE_DATA_DIR"))
                .as("state on the app-state volume")
                .isEqualTo(mountTarget(app, "app-state"));

        List<String> advertised = new ArrayList<>();
        for (String listener :
                env(services.path("kafka")).get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            advertised.add(listener.substring(listener.indexOf("://") + 3));
        }
        assertThat(advertised)
                .as("the app's bootstrap server is an advertised listener of the broker")
                .contains(env.get("ALLUSE_BOOTSTRAP_SERVERS"));
        URI registry = URI.create(env.get("ALLUSE_SCHEMA_REGISTRY_URL"));
        assertThat(registry.getHost()).isEqualTo("schema-registry");
        assertThat(String.valueOf(registry.getPort()))
                .isEqualTo(env(services.path("schema-registry")).get("QUARKUS_HTTP_PORT"));
        assertThat(registry.getPath()).as("Apicurio's Confluent-compatible API").isEqualTo("/apis/ccompat/v7");
    }

    @Test
    void shouldLetPrometheusScrapeTheAppAndLoadTheAlertRules() {
        JsonNode prometheus = services.path("prometheus");
        Map<String, Path> mounts = bindMounts(prometheus);
        String configFile = "/etc/prometheus/prometheus.yml";
        assertThat(prometheus.path("command").toString()).contains("--config.file=" + configFile);
        assertThat(mounts.get(configFile)).isEqualTo(DeployFiles.deploy("prometheus/prometheus.yml"));

        JsonNode config = DeployFiles.yaml(mounts.get(configFile));
        for (JsonNode ruleFile : config.path("rule_files")) {
            String inContainer =
                    Path.of(configFile).resolveSibling(ruleFile.asText()).toString();
            assertThat(mounts)
                    .as("rule file %s mounted where the config looks for it", ruleFile.asText())
                    .containsKey(inContainer);
            assertThat(mounts.get(inContainer))
                    .isEqualTo(DeployFiles.deploy("prometheus").resolve(ruleFile.asText()));
        }
        assertThat(values(config.path("rule_files"))).contains("alerts.yml");

        String appTarget = "app:" + env(services.path("app")).get("ALLUSE_HTTP_PORT");
        JsonNode job = null;
        for (JsonNode scrape : config.path("scrape_configs")) {
            if ("alluse".equals(scrape.path("job_name").asText())) {
                job = scrape;
            }
        }
        assertThat(job)
                .as("scrape job \"alluse\" (the job the alert rules select)")
                .isNotNull();
        assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
        assertThat(job.path("static_configs").toString()).as("scrape target").contains("\"" + appTarget + "\"");
    }

    @Test
    void shouldRunAConnectWorkerOnTheAppsClusterAndLetPrometheusScrapeIt() {
        JsonNode connect = services.path("connect");
        List<String> command = new ArrayList<>();
        connect.path("command").forEach(arg -> command.add(arg.asText()));
        assertThat(command.subList(0, 2)).containsExactly("connect", "--distributed");
        String restPort = command.get(command.indexOf("--rest-port") + 1);
        assertThat(containerPorts(connect)).as("published REST port").contains(restPort);
        assertThat(command).as("the image's plugin folders").contains("plugin.path=/app/connect-plugins");
        assertThat(connect.path("image").asText())
                .as("the app's image")
                .isEqualTo(services.path("app").path("image").asText());
        Map<String, String> env = env(connect);
        Map<String, String> appEnv = env(services.path("app"));
        assertThat(env.get("ALLUSE_CONNECT_REST_HOST")).isEqualTo("0.0.0.0");
        assertThat(env.get("ALLUSE_BOOTSTRAP_SERVERS")).isEqualTo(appEnv.get("ALLUSE_BOOTSTRAP_SERVERS"));
        assertThat(env.get("ALLUSE_SCHEMA_REGISTRY_URL")).isEqualTo(appEnv.get("ALLUSE_SCHEMA_REGISTRY_URL"));

        Path prometheusConfig = bindMounts(services.path("prometheus")).get("/etc/prometheus/prometheus.yml");
        JsonNode job = null;
        for (JsonNode scrape : DeployFiles.yaml(prometheusConfig).path("scrape_configs")) {
            if ("alluse-connect".equals(scrape.path("job_name").asText())) {
                job = scrape;
            }
        }
        assertThat(job)
                .as("scrape job \"alluse-connect\" (the job the alluse.connect rules select)")
                .isNotNull();
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(job.path("static_configs").toString()).contains("\"connect:" + restPort + "\"");
    }

    @Test
    void shouldSendPrometheusAlertsToTheAlertmanagerWithItsRoutes() {
        JsonNode alertmanager = services.path("alertmanager");
        String configFile = "/etc/alertmanager/alertmanager.yml";
        assertThat(alertmanager.path("command").toString()).contains("--config.file=" + configFile);
        assertThat(bindMounts(alertmanager).get(configFile))
                .isEqualTo(DeployFiles.deploy("alertmanager/alertmanager.yml"));

        Path prometheusConfig = bindMounts(services.path("prometheus")).get("/etc/prometheus/prometheus.yml");
        Set<String> targets = new HashSet<>();
        for (JsonNode manager :
                DeployFiles.yaml(prometheusConfig).path("alerting").path("alertmanagers")) {
            manager.path("static_configs").forEach(config -> targets.addAll(values(config.path("targets"))));
        }
        assertThat(containerPorts(alertmanager))
                .as("Alertmanager's published port")
                .contains("9093");
        assertThat(targets).as("Prometheus's Alertmanagers").containsExactly("alertmanager:9093");
        JsonNode dependsOn = services.path("prometheus").path("depends_on");
        assertThat(values(dependsOn)).contains("alertmanager");
    }

    @Test
    void shouldProvisionGrafanaWithThePrometheusDatasourceAndTheDashboards() {
        JsonNode grafana = services.path("grafana");
        Map<String, Path> mounts = bindMounts(grafana);
        Path provisioning = mounts.get("/etc/grafana/provisioning");
        assertThat(provisioning).isEqualTo(DeployFiles.deploy("grafana/provisioning"));

        JsonNode datasource = DeployFiles.yaml(provisioning.resolve("datasources/prometheus.yml"))
                .path("datasources")
                .get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        URI url = URI.create(datasource.path("url").asText());
        assertThat(url.getHost()).isEqualTo("prometheus");
        assertThat(fieldNames(services)).contains(url.getHost());
        assertThat(String.valueOf(url.getPort())).isEqualTo("9090");

        JsonNode provider = DeployFiles.yaml(provisioning.resolve("dashboards/alluse.yml"))
                .path("providers")
                .get(0);
        String dashboardsPath = provider.path("options").path("path").asText();
        assertThat(mounts.get(dashboardsPath))
                .as("the provider's path holds the dashboards")
                .isEqualTo(DeployFiles.deploy("grafana/dashboards"));
        assertThat(DeployFiles.deploy("grafana/dashboards/system.json")).exists();
        assertThat(DeployFiles.deploy("grafana/dashboards/business.json")).exists();
        String home = env(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        if (home != null) {
            assertThat(mounts.get(dashboardsPath)
                            .resolve(Path.of(dashboardsPath).relativize(Path.of(home))))
                    .exists();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Container path -> host path of a service's bind mounts. */
    private Map<String, Path> bindMounts(JsonNode service) {
        Map<String, Path> mounts = new HashMap<>();
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(parts[1], composeDir.resolve(parts[0]).normalize());
            }
        }
        return mounts;
    }

    private static String mountTarget(JsonNode service, String namedVolume) {
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].equals(namedVolume)) {
                return parts[1];
            }
        }
        throw new AssertionError("volume " + namedVolume + " is not mounted");
    }

    private static Set<String> containerPorts(JsonNode service) {
        Set<String> ports = new HashSet<>();
        for (JsonNode port : service.path("ports")) {
            Matcher m = PORT.matcher(port.asText());
            if (m.matches()) {
                ports.add(m.group(2));
            }
        }
        return ports;
    }

    /** A service's environment, from the map or the KEY=VALUE list form. */
    private static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new HashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            for (JsonNode entry : environment) {
                String[] kv = entry.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        } else {
            environment
                    .properties()
                    .iterator()
                    .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
