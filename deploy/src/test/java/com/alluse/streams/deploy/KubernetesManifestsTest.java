package com.alluse.streams.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses every manifest under {@code deploy/k8s} into the Kubernetes model (fabric8, no client)
 * and checks that it lines up with what the app serves: probe paths and ports, the state
 * volume, the advertised host, the Services and the PDB selecting the StatefulSet's pods,
 * resources, anti-affinity and the bearer-token Secret; and the Kafka Connect workers'
 * Deployment (distributed mode, the image's plugins, health probes, REST and metrics Services).
 */
class KubernetesManifestsTest {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final String APP_JAR = "/app/alluse.jar";
    private static final String CONNECT = "alluse-connect";
    private static final long MIB = 1024L * 1024;
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    /** Metaspace, code cache, thread stacks, GC structures and allocator slack beyond heap, RocksDB and direct buffers. */
    private static final long JVM_OVERHEAD_BYTES = 256 * MIB;

    private static List<HasMetadata> resources;
    private static StatefulSet statefulSet;
    private static PodSpec pod;
    private static Container app;
    private static Map<String, String> podLabels;
    private static Deployment connect;
    private static Container connectWorker;

    @BeforeAll
    static void parse() throws IOException {
        resources = new ArrayList<>();
        for (Path file : manifestFiles()) {
            try (InputStream in = Files.newInputStream(file)) {
                Object parsed = YAML.unmarshal(in);
                List<HasMetadata> found = new ArrayList<>();
                if (parsed instanceof KubernetesList list) {
                    found.addAll(list.getItems());
                } else if (parsed instanceof List<?> list) {
                    list.forEach(item -> found.add((HasMetadata) item));
                } else if (parsed instanceof HasMetadata single) {
                    found.add(single);
                } else {
                    fail("%s is not a Kubernetes resource: %s", file, parsed);
                }
                for (HasMetadata resource : found) {
                    assertThat(unknownFields(resource, file.getFileName() + ":" + resource.getKind()))
                            .as("fields the Kubernetes schema does not know (typos?) in %s", file)
                            .isEmpty();
                }
                resources.addAll(found);
            }
        }
        List<StatefulSet> sets = all(StatefulSet.class);
        assertThat(sets).as("StatefulSets").hasSize(1);
        statefulSet = sets.get(0);
        pod = statefulSet.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).as("containers").hasSize(1);
        app = pod.getContainers().get(0);
        podLabels = statefulSet.getSpec().getTemplate().getMetadata().getLabels();
        connect = named(Deployment.class, CONNECT);
        assertThat(connect.getSpec().getTemplate().getSpec().getContainers())
                .as("Connect containers")
                .hasSize(1);
        connectWorker =
                connect.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.deploy("k8s"))) {
            return files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> !f.getFileName().toString().startsWith("kustomization"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void shouldHoldTheExpectedResourcesWithUniqueNames() {
        assertThat(resources)
                .extracting(HasMetadata::getKind)
                .contains("StatefulSet", "Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget");
        Map<String, Long> byKindAndName = resources.stream()
                .collect(Collectors.groupingBy(
                        r -> r.getKind() + "/" + r.getMetadata().getName(), Collectors.counting()));
        assertThat(byKindAndName.values())
                .as("kind/name repeated: %s", byKindAndName)
                .allMatch(count -> count == 1);
        assertThat(resources)
                .as("no namespace hard-coded: the kustomization or kubectl -n sets it")
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isNull());
    }

    @Test
    void shouldListEveryManifestInTheKustomization() throws IOException {
        JsonNode kustomization = DeployFiles.yaml(DeployFiles.deploy("k8s/kustomization.yaml"));
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(manifestFiles().stream()
                        .map(p -> p.getFileName().toString())
                        .toList());
        String image = app.getImage();
        assertThat(kustomization.path("images"))
                .as("the kustomization's image override names the StatefulSet's image")
                .anySatisfy(
                        entry -> assertThat(image).startsWith(entry.path("name").asText() + ":"));
    }

    @Test
    void shouldRunTheAppJarFromTheImage() {
        List<String> commandLine = new ArrayList<>(app.getCommand());
        commandLine.addAll(app.getArgs());
        assertThat(commandLine.get(0)).isEqualTo("java");
        int jar = commandLine.indexOf("-jar");
        assertThat(jar).as("java ... -jar %s run", APP_JAR).isPositive();
        assertThat(commandLine.get(jar + 1)).isEqualTo(APP_JAR);
        assertThat(commandLine.get(jar + 2)).isEqualTo("run");
        assertThat(DeployFiles.text(DeployFiles.deploy("Dockerfile")))
                .as("the image puts the jar where the pod runs it")
                .contains(APP_JAR);
        assertThat(app.getImage()).as("image (placeholder)").isNotBlank();
        int commitInterval = commandLine.indexOf("--commit-interval-ms");
        assertThat(commitInterval)
                .as("--commit-interval-ms set: results are visible only after the commit")
                .isPositive();
        assertThat(Long.parseLong(commandLine.get(commitInterval + 1)))
                .as("commit interval (ms) well inside the 50 ms p99 latency target")
                .isLessThanOrEqualTo(25);
    }

    @Test
    void shouldProbeTheHealthRoutesOnTheHttpPort() {
        int httpPort = Integer.parseInt(env("ALLUSE_HTTP_PORT"));
        ContainerPort port = app.getPorts().stream()
                .filter(p -> p.getContainerPort() == httpPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + httpPort + " (ALLUSE_HTTP_PORT)"));
        assertThat(env("ALLUSE_HTTP_HOST"))
                .as("ALLUSE_HTTP_HOST: listen on the pod's interfaces, not loopback")
                .isEqualTo("0.0.0.0");

        assertProbe("liveness", app.getLivenessProbe(), "/health/live", port);
        assertProbe("readiness", app.getReadinessProbe(), "/health/ready", port);
        Probe startup = app.getStartupProbe();
        assertThat(startup).as("startup probe (restores)").isNotNull();
        assertProbe("startup", startup, startup.getHttpGet().getPath(), port);
        assertThat(startup.getHttpGet().getPath()).isIn("/health/live", "/health/ready");
        assertThat(startup.getFailureThreshold() * startup.getPeriodSeconds())
                .as("seconds the startup probe allows for restoring state")
                .isGreaterThanOrEqualTo(600);
        assertThat(app.getLivenessProbe().getFailureThreshold()
                        * app.getLivenessProbe().getPeriodSeconds())
                .as("a GC pause or a slow scrape does not kill the pod")
                .isGreaterThanOrEqualTo(20);
    }

    private static void assertProbe(String name, Probe probe, String path, ContainerPort port) {
        assertThat(probe).as(name + " probe").isNotNull();
        assertThat(probe.getHttpGet()).as(name + " probe is an HTTP GET").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(name + " probe path").isEqualTo(path);
        IntOrString target = probe.getHttpGet().getPort();
        boolean matches = target.getIntVal() != null
                ? target.getIntVal() == port.getContainerPort()
                : target.getStrVal().equals(port.getName());
        assertThat(matches)
                .as("%s probe port %s is the HTTP port %s/%s", name, target, port.getName(), port.getContainerPort())
                .isTrue();
        assertThat(probe.getTimeoutSeconds()).as(name + " timeout").isNotNull().isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldKeepTheStateDirectoryOnThePersistentVolume() {
        String dataDir = env("ALLUSE_DATA_DIR");
        assertThat(dataDir)
                .as("ALLUSE_DATA_DIR (the state is its state/ sub-directory)")
                .startsWith("/");
        List<PersistentVolumeClaim> templates = statefulSet.getSpec().getVolumeClaimTemplates();
        assertThat(templates).as("volume claim templates").hasSize(1);
        PersistentVolumeClaim claim = templates.get(0);
        VolumeMount mount = app.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(claim.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "the claim template " + claim.getMetadata().getName() + " is not mounted"));
        assertThat(mount.getMountPath())
                .as("state volume mount = ALLUSE_DATA_DIR, parent of the state dir")
                .isEqualTo(dataDir);
        assertThat(mount.getReadOnly()).as("state volume writable").isNotEqualTo(Boolean.TRUE);
        assertThat(mount.getSubPath()).isNull();
        assertThat(app.getVolumeMounts())
                .as("nothing else mounted inside the data dir")
                .filteredOn(m -> m != mount)
                .noneMatch(m -> m.getMountPath().startsWith(dataDir + "/")
                        || m.getMountPath().equals(dataDir));
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(Quantity.getAmountInBytes(
                        claim.getSpec().getResources().getRequests().get("storage")))
                .as("state volume size")
                .isGreaterThanOrEqualTo(BigDecimal.valueOf(1024 * MIB));
        assertThat(pod.getSecurityContext().getFsGroup())
                .as("fsGroup: the non-root user can write the volume")
                .isNotNull();
    }

    @Test
    void shouldAdvertiseThePodsHeadlessServiceName() {
        String headless = statefulSet.getSpec().getServiceName();
        Service service = named(Service.class, headless);
        assertThat(service.getSpec().getClusterIP())
                .as("%s is headless", headless)
                .isEqualTo("None");
        assertThat(service.getSpec().getPublishNotReadyAddresses())
                .as("peers resolve instances that are rebalancing")
                .isTrue();
        assertSelectsPods("headless service", service.getSpec().getSelector());
        assertExposesHttpPort("headless service", service);

        List<EnvVar> env = app.getEnv();
        int podName = indexOf(env, "POD_NAME");
        int namespace = indexOf(env, "POD_NAMESPACE");
        int advertised = indexOf(env, "ALLUSE_ADVERTISED_HOST");
        assertThat(env.get(podName).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env.get(namespace).getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        assertThat(env.get(advertised).getValue())
                .as("application.server host")
                .isEqualTo("$(POD_NAME)." + headless + ".$(POD_NAMESPACE).svc");
        assertThat(advertised)
                .as("$(VAR) expands only variables defined earlier in the list")
                .isGreaterThan(Math.max(podName, namespace));
    }

    @Test
    void shouldLetTheApiServiceAndTheMetricsServiceSelectThePods() {
        List<Service> streamServices = servicesOf(podLabels);
        assertThat(streamServices).as("Services of the stream instances").isNotEmpty();
        for (Service service : streamServices) {
            assertSelectsPods(
                    "service " + service.getMetadata().getName(),
                    service.getSpec().getSelector());
            assertExposesHttpPort("service " + service.getMetadata().getName(), service);
        }
        Service metrics = scraped(streamServices);
        Map<String, String> annotations = annotations(metrics);
        assertThat(annotations.get("prometheus.io/path")).isEqualTo("/metrics");
        assertThat(annotations.get("prometheus.io/port")).isEqualTo(env("ALLUSE_HTTP_PORT"));
        // The Kubernetes scrape job keeps this Service by its app.kubernetes.io/name label.
        String keep = keepRegexOf(
                DeployFiles.yaml(DeployFiles.deploy("prometheus/prometheus-k8s.yml")),
                "alluse",
                "__meta_kubernetes_service_label_app_kubernetes_io_name");
        assertThat(metrics.getMetadata().getLabels().get("app.kubernetes.io/name"))
                .as("scrape job keeps it")
                .matches(keep);
    }

    /** The Services named for the pods' app (label app.kubernetes.io/name); each must select those pods. */
    private static List<Service> servicesOf(Map<String, String> podLabels) {
        String name = podLabels.get(NAME_LABEL);
        return all(Service.class).stream()
                .filter(s -> name.equals(s.getMetadata().getLabels().get(NAME_LABEL)))
                .toList();
    }

    private static Service scraped(List<Service> services) {
        return services.stream()
                .filter(s -> "true".equals(annotations(s).get("prometheus.io/scrape")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Service annotated prometheus.io/scrape: \"true\""));
    }

    @Test
    void shouldNameEveryServiceForThePodsItSelects() {
        Map<String, Map<String, String>> podsByName = Map.of(
                podLabels.get(NAME_LABEL),
                podLabels,
                CONNECT,
                connect.getSpec().getTemplate().getMetadata().getLabels());
        for (Service service : all(Service.class)) {
            Map<String, String> pods =
                    podsByName.get(service.getMetadata().getLabels().get(NAME_LABEL));
            assertThat(pods)
                    .as(
                            "service %s is named for the stream instances or the Connect workers",
                            service.getMetadata().getName())
                    .isNotNull();
            assertThat(pods)
                    .as("service %s selects its pods", service.getMetadata().getName())
                    .containsAllEntriesOf(service.getSpec().getSelector());
        }
    }

    @Test
    void shouldRunTheConnectWorkersInDistributedModeWithThePluginsOfTheImage() {
        List<String> commandLine = new ArrayList<>(connectWorker.getCommand());
        commandLine.addAll(connectWorker.getArgs());
        int jar = commandLine.indexOf("-jar");
        assertThat(jar).as("java ... -jar %s connect", APP_JAR).isPositive();
        assertThat(commandLine.subList(jar + 1, jar + 4)).containsExactly(APP_JAR, "connect", "--distributed");
        assertThat(connectWorker.getImage()).as("the stream instances' image").isEqualTo(app.getImage());
        assertThat(Integer.parseInt(option(commandLine, "--replication-factor")))
                .as("replication of the worker group's topics")
                .isGreaterThanOrEqualTo(3);
        assertThat(option(commandLine, "--rest-host"))
                .as("REST on the pod's interfaces")
                .isEqualTo("0.0.0.0");
        Map<String, String> config = new java.util.HashMap<>();
        for (int i = 0; i < commandLine.size() - 1; i++) {
            if (commandLine.get(i).equals("--config")) {
                String[] kv = commandLine.get(i + 1).split("=", 2);
                config.put(kv[0], kv[1]);
            }
        }
        String pluginPath = config.get("plugin.path");
        assertThat(pluginPath).as("plugin.path").isNotBlank();
        assertThat(DeployFiles.text(DeployFiles.deploy("Dockerfile")))
                .as("the image holds the plugin folders where plugin.path points")
                .containsPattern("COPY connectors/target/connect-plugins/ " + Pattern.quote(pluginPath) + "/?\\n");
        assertThat(config.get("rest.advertised.host.name"))
                .as("workers forward requests to the leader at its pod IP")
                .isEqualTo("$(POD_IP)");
        EnvVar podIp = connectWorker.getEnv().stream()
                .filter(e -> e.getName().equals("POD_IP"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env POD_IP"));
        assertThat(podIp.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        assertThat(config.get("rest.advertised.port")).isEqualTo(option(commandLine, "--rest-port"));
        assertThat(connectWorker.getEnvFrom())
                .as("the stream instances' Kafka and registry settings")
                .anySatisfy(source -> assertThat(source.getConfigMapRef().getName())
                        .isEqualTo(app.getEnvFrom().get(0).getConfigMapRef().getName()));
        assertThat(connect.getSpec().getReplicas()).as("workers").isGreaterThanOrEqualTo(2);
        assertThat(Quantity.getAmountInBytes(
                        connectWorker.getResources().getLimits().get("memory")))
                .as("memory limit >= heap + JVM overhead")
                .isGreaterThanOrEqualTo(
                        BigDecimal.valueOf(jvmSize(commandLine, "-Xmx").orElseThrow() + JVM_OVERHEAD_BYTES));
    }

    @Test
    void shouldProbeTheConnectWorkersHealthOnTheirRestPortAndScrapeTheirMetrics() {
        List<String> args = connectWorker.getArgs();
        int restPort = Integer.parseInt(option(args, "--rest-port"));
        ContainerPort port = connectWorker.getPorts().stream()
                .filter(p -> p.getContainerPort() == restPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + restPort + " (--rest-port)"));
        assertProbe("Connect liveness", connectWorker.getLivenessProbe(), "/health", port);
        assertProbe("Connect readiness", connectWorker.getReadinessProbe(), "/health", port);
        assertProbe("Connect startup", connectWorker.getStartupProbe(), "/health", port);

        List<Service> services =
                servicesOf(connect.getSpec().getTemplate().getMetadata().getLabels());
        assertThat(services).as("Services of the Connect workers").hasSizeGreaterThanOrEqualTo(2);
        for (Service service : services) {
            assertThat(service.getSpec().getPorts())
                    .as(
                            "service %s reaches the REST port",
                            service.getMetadata().getName())
                    .anySatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo(port.getName()));
        }
        Service metrics = scraped(services);
        assertThat(annotations(metrics).get("prometheus.io/path")).isEqualTo("/metrics");
        assertThat(annotations(metrics).get("prometheus.io/port")).isEqualTo(String.valueOf(restPort));
        String keep = keepRegexOf(
                DeployFiles.yaml(DeployFiles.deploy("prometheus/prometheus-k8s.yml")),
                CONNECT,
                "__meta_kubernetes_service_label_app_kubernetes_io_name");
        assertThat(metrics.getMetadata().getLabels().get(NAME_LABEL))
                .as("scrape job alluse-connect keeps it")
                .matches(keep);
        assertThat(podLabels.get(NAME_LABEL)).as("and not the stream instances").doesNotMatch(keep);
    }

    private static String option(List<String> commandLine, String name) {
        int index = commandLine.indexOf(name);
        assertThat(index).as("%s set", name).isNotNegative();
        return commandLine.get(index + 1);
    }

    private static String keepRegexOf(JsonNode prometheusConfig, String jobName, String sourceLabel) {
        for (JsonNode job : prometheusConfig.path("scrape_configs")) {
            if (!jobName.equals(job.path("job_name").asText())) {
                continue;
            }
            for (JsonNode relabel : job.path("relabel_configs")) {
                if ("keep".equals(relabel.path("action").asText())
                        && relabel.path("source_labels").toString().contains(sourceLabel)) {
                    return relabel.path("regex").asText();
                }
            }
        }
        throw new AssertionError("no keep rule on " + sourceLabel + " in the " + jobName + " scrape job");
    }

    @Test
    void shouldBudgetDisruptionsOfTheSamePods() {
        List<PodDisruptionBudget> budgets = all(PodDisruptionBudget.class);
        assertThat(budgets).hasSize(1);
        PodDisruptionBudget budget = budgets.get(0);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .as("PDB selects the StatefulSet's pods")
                .isEqualTo(statefulSet.getSpec().getSelector().getMatchLabels());
        assertSelectsPods("PDB", budget.getSpec().getSelector().getMatchLabels());
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        if (maxUnavailable != null) {
            assertThat(maxUnavailable.getIntVal())
                    .as("at most one instance disrupted at once")
                    .isEqualTo(1);
        } else {
            assertThat(minAvailable).as("maxUnavailable or minAvailable").isNotNull();
            assertThat(minAvailable.getIntVal()).isEqualTo(statefulSet.getSpec().getReplicas() - 1);
        }
        assertSelectsPods(
                "StatefulSet selector", statefulSet.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void shouldSizeMemoryForHeapPlusRocksDbBound() {
        Map<String, Quantity> requests = app.getResources().getRequests();
        Map<String, Quantity> limits = app.getResources().getLimits();
        assertThat(requests).as("requests").containsKeys("cpu", "memory");
        assertThat(limits).as("limits").containsKey("memory");
        BigDecimal limit = Quantity.getAmountInBytes(limits.get("memory"));
        assertThat(Quantity.getAmountInBytes(requests.get("memory")))
                .as("memory request = limit")
                .isEqualByComparingTo(limit);

        List<String> commandLine = new ArrayList<>(app.getCommand());
        commandLine.addAll(app.getArgs());
        long heap = jvmSize(commandLine, "-Xmx")
                .orElseThrow(() -> new AssertionError("set -Xmx: the pod's memory is sized for it"));
        long direct = jvmSize(commandLine, "-XX:MaxDirectMemorySize=").orElse(heap);
        int rocksIndex = commandLine.indexOf("--rocksdb-memory-bytes");
        assertThat(rocksIndex).as("--rocksdb-memory-bytes set").isPositive();
        long rocks = Long.parseLong(commandLine.get(rocksIndex + 1));
        assertThat(limit)
                .as(
                        "memory limit >= heap %d + RocksDB bound %d + direct %d + JVM overhead %d",
                        heap, rocks, direct, JVM_OVERHEAD_BYTES)
                .isGreaterThanOrEqualTo(BigDecimal.valueOf(heap + rocks + direct + JVM_OVERHEAD_BYTES));
    }

    private static Optional<Long> jvmSize(List<String> commandLine, String prefix) {
        Pattern size = Pattern.compile(Pattern.quote(prefix) + "(\\d+)([kKmMgG]?)");
        for (String arg : commandLine) {
            Matcher m = size.matcher(arg);
            if (m.matches()) {
                long value = Long.parseLong(m.group(1));
                return Optional.of(
                        switch (m.group(2).toLowerCase(Locale.ROOT)) {
                            case "k" -> value * 1024;
                            case "m" -> value * MIB;
                            case "g" -> value * 1024 * MIB;
                            default -> value;
                        });
            }
        }
        return Optional.empty();
    }

    @Test
    void shouldSpreadInstancesOverNodes() {
        PodAntiAffinity anti =
                pod.getAffinity() == null ? null : pod.getAffinity().getPodAntiAffinity();
        assertThat(anti).as("pod anti-affinity").isNotNull();
        List<PodAffinityTerm> terms = new ArrayList<>(anti.getRequiredDuringSchedulingIgnoredDuringExecution());
        anti.getPreferredDuringSchedulingIgnoredDuringExecution().stream()
                .map(WeightedPodAffinityTerm::getPodAffinityTerm)
                .forEach(terms::add);
        assertThat(terms)
                .as("an anti-affinity term per node over the app's own pods")
                .anySatisfy(term -> {
                    assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                    assertSelectsPods("anti-affinity", term.getLabelSelector().getMatchLabels());
                });
    }

    @Test
    void shouldMountTheBearerTokensSecretAsTheTokensFile() {
        String tokensFile = env("ALLUSE_HTTP_TOKENS_FILE");
        assertThat(tokensFile).as("ALLUSE_HTTP_TOKENS_FILE").isNotBlank();
        boolean found = false;
        for (VolumeMount mount : app.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElse(null);
            if (volume == null || volume.getSecret() == null || !tokensFile.startsWith(mount.getMountPath() + "/")) {
                continue;
            }
            String fileInVolume = tokensFile.substring(mount.getMountPath().length() + 1);
            String key = volume.getSecret().getItems() == null
                            || volume.getSecret().getItems().isEmpty()
                    ? fileInVolume
                    : volume.getSecret().getItems().stream()
                            .filter(i -> i.getPath().equals(fileInVolume))
                            .map(i -> i.getKey())
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no item of the secret volume is " + fileInVolume));
            Secret secret = named(Secret.class, volume.getSecret().getSecretName());
            boolean hasKey = (secret.getData() != null && secret.getData().containsKey(key))
                    || (secret.getStringData() != null && secret.getStringData().containsKey(key));
            assertThat(hasKey)
                    .as("secret %s has key %s", secret.getMetadata().getName(), key)
                    .isTrue();
            assertThat(mount.getReadOnly()).as("tokens mounted read-only").isTrue();
            found = true;
        }
        assertThat(found).as("%s lies in a mounted Secret volume", tokensFile).isTrue();
        assertThat(app.getArgs())
                .as("no token on the command line")
                .noneMatch(a -> a.toLowerCase(Locale.ROOT).contains("token"));
    }

    @Test
    void shouldTakeEnvironmentSettingsFromTheConfigMapAndLeaveTimeToClose() {
        assertThat(app.getEnvFrom()).as("envFrom").isNotEmpty();
        for (EnvFromSource source : app.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                named(ConfigMap.class, source.getConfigMapRef().getName());
            }
        }
        assertThat(env("ALLUSE_BOOTSTRAP_SERVERS")).isNotBlank();
        assertThat(env("ALLUSE_SCHEMA_REGISTRY_URL")).startsWith("http");
        assertThat(pod.getTerminationGracePeriodSeconds())
                .as("close (30 s) within the shutdown hook's 60 s")
                .isGreaterThanOrEqualTo(90L);
        assertThat(statefulSet.getSpec().getReplicas()).as("replicas").isGreaterThanOrEqualTo(2);
    }

    // ------------------------------------------------------------------ helpers

    /** The value of an environment variable of the app container: env first, then envFrom ConfigMaps. */
    private static String env(String name) {
        for (EnvVar var : app.getEnv()) {
            if (var.getName().equals(name) && var.getValue() != null) {
                return var.getValue();
            }
        }
        for (EnvFromSource source : app.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                Map<String, String> data = named(
                                ConfigMap.class, source.getConfigMapRef().getName())
                        .getData();
                String key = name.substring(
                        Optional.ofNullable(source.getPrefix()).orElse("").length());
                if (name.startsWith(Optional.ofNullable(source.getPrefix()).orElse(""))
                        && data != null
                        && data.containsKey(key)) {
                    return data.get(key);
                }
            }
        }
        throw new AssertionError("the app container has no environment variable " + name);
    }

    private static int indexOf(List<EnvVar> env, String name) {
        for (int i = 0; i < env.size(); i++) {
            if (env.get(i).getName().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no env " + name);
    }

    private static void assertSelectsPods(String what, Map<String, String> selector) {
        assertThat(selector).as("%s selector", what).isNotEmpty();
        assertThat(podLabels).as("%s selects the StatefulSet's pods", what).containsAllEntriesOf(selector);
    }

    private static void assertExposesHttpPort(String what, Service service) {
        int httpPort = Integer.parseInt(env("ALLUSE_HTTP_PORT"));
        String portName = app.getPorts().stream()
                .filter(p -> p.getContainerPort() == httpPort)
                .map(ContainerPort::getName)
                .findFirst()
                .orElse(null);
        List<ServicePort> ports = service.getSpec().getPorts();
        assertThat(ports).as("%s exposes the HTTP port", what).anySatisfy(port -> {
            IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
            boolean matches = target.getIntVal() != null
                    ? target.getIntVal() == httpPort
                    : target.getStrVal().equals(portName);
            assertThat(matches).as("target port %s", target).isTrue();
            assertThat(port.getPort()).isEqualTo(httpPort);
        });
    }

    private static Map<String, String> annotations(HasMetadata resource) {
        return Optional.ofNullable(resource.getMetadata().getAnnotations()).orElse(Map.of());
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream()
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no " + type.getSimpleName() + " named " + name + " among the manifests"));
    }

    /**
     * Fields the model did not recognise: fabric8 keeps them in additionalProperties instead of
     * failing, so a misspelt key ({@code livenesProbe}) would otherwise pass unnoticed.
     */
    static List<String> unknownFields(Object model, String path) {
        List<String> unknown = new ArrayList<>();
        walk(model, path, unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model") || !seen.add(node)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                walk(value, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }

    @Test
    void shouldNoticeAMisspeltField() {
        Object parsed = YAML.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      image: i
                      livenesProbe: {httpGet: {path: /health/live, port: 8080}}
                """);
        assertThat(unknownFields(parsed, "pod")).singleElement().asString().contains("livenesProbe");
    }
}
