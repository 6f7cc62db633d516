package com.alluse.streams.localstack;

import com.alluse.streams.client.KafkaConnection;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.InterruptException;

/**
 * {@link EmbeddedKafkaMain} in a child JVM with this JVM's java binary and classpath: a broker that several
 * application processes can share and that a test can stop (SIGTERM) or kill (SIGKILL).
 * The child's stdout and stderr go to {@code embedded-kafka.out} and {@code embedded-kafka.err} in the data
 * directory.
 */
public final class EmbeddedKafkaProcess implements AutoCloseable {

    /** A small heap: enough for test and load-test traffic, and the JVM default would be a quarter of RAM. */
    public static final List<String> DEFAULT_JVM_ARGS = List.of("-Xms64m", "-Xmx512m");

    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long EXIT_CODE_WAIT_MS = 5_000;
    private static final String STDOUT_FILE = "embedded-kafka.out";
    private static final String STDERR_FILE = "embedded-kafka.err";

    private static final String SECURITY_FILE = "embedded-kafka-security.properties";

    private final Process process;
    private final String bootstrapServers;
    private final BrokerSecurity security;

    private EmbeddedKafkaProcess(Process process, String bootstrapServers, BrokerSecurity security) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /** Options for the child; only the data directory is required. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    private static EmbeddedKafkaProcess start(Builder options) {
        Process process = launch(options);
        CompletableFuture<String> bootstrap = drainStdout(process, options.dataDir.resolve(STDOUT_FILE));
        try {
            return new EmbeddedKafkaProcess(
                    process, awaitBootstrap(process, bootstrap, options.startTimeout), options.security);
        } catch (RuntimeException e) {
            destroyAndWait(process, true, DEFAULT_STOP_TIMEOUT);
            throw new EmbeddedKafkaStartException(
                    "Kafka broker process (data dir " + options.dataDir
                            + ") failed to start (start timeout " + options.startTimeout.toMillis() + " ms): "
                            + e.getMessage()
                            + "; stderr: " + tail(options.dataDir.resolve(STDERR_FILE)),
                    e);
        }
    }

    /** "127.0.0.1:port" as printed by the child (a controller-only node's controller endpoint). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Process process() {
        return process;
    }

    /** The broker: PLAINTEXT, or as its super user when it runs with {@link BrokerSecurity}. */
    public KafkaConnection connection() {
        return BrokerSecurity.superUserOf(security, bootstrapServers);
    }

    /**
     * The broker as one of the users of its {@link BrokerSecurity}.
     *
     * @throws IllegalStateException if the broker runs without security
     */
    public KafkaConnection connection(String user) {
        return BrokerSecurity.userOf(security, bootstrapServers, user);
    }

    /**
     * Creates ACLs as the super user and returns once the broker enforces them, within {@code timeout}.
     *
     * @throws IllegalStateException if creating them fails or the broker does not enforce them in time
     */
    public void grant(Collection<AclBinding> acls, Duration timeout) {
        AclGrants.grant(connection(), acls, timeout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM: the child's shutdown hook stops the broker cleanly.
     *
     * @return the exit code, 143 after a clean stop
     * @throws IllegalStateException if the child does not exit within the timeout
     */
    public int stop(Duration timeout) {
        return destroyAndWait(process, false, timeout);
    }

    /**
     * SIGKILL: no clean shutdown, like a crashed broker process. Expect the next start on the same data
     * directory to take about {@code broker.session.timeout.ms} (9 s by default) longer: it first lets the
     * controller fence the killed broker (see {@link DeadBrokerFence} for why).
     *
     * @return the exit code, 137
     * @throws IllegalStateException if the child does not exit within the timeout
     */
    public int kill(Duration timeout) {
        return destroyAndWait(process, true, timeout);
    }

    /** Stops the child (SIGTERM), falling back to SIGKILL if it does not exit in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            stop(DEFAULT_STOP_TIMEOUT);
        } catch (IllegalStateException e) {
            kill(DEFAULT_STOP_TIMEOUT);
        }
    }

    private static Process launch(Builder options) {
        List<String> command = command(options);
        try {
            Files.createDirectories(options.dataDir);
            if (options.security != null) {
                EmbeddedKafkaMain.writeSecurity(options.security, options.dataDir.resolve(SECURITY_FILE));
            }
            return new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(
                            options.dataDir.resolve(STDERR_FILE).toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    private static List<String> command(Builder options) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(options.jvmArgs);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedKafkaMain.class.getName(),
                "--data-dir",
                options.dataDir.toAbsolutePath().toString(),
                "--port",
                String.valueOf(options.port),
                "--controller-port",
                String.valueOf(options.controllerPort),
                "--role",
                options.node.role().name(),
                "--node-id",
                String.valueOf(options.node.nodeId()),
                "--start-timeout-ms",
                String.valueOf(options.startTimeout.toMillis()),
                // If this JVM dies without stopping the child (e.g. a killed test run), the broker stops too.
                EmbeddedKafkaMain.EXIT_WITH_PARENT));
        if (options.clusterId != null) {
            command.addAll(List.of("--cluster-id", options.clusterId));
        }
        if (options.node.controllerQuorumVoters() != null) {
            command.addAll(List.of("--controller-quorum-voters", options.node.controllerQuorumVoters()));
        }
        options.brokerProperties.forEach(
                (key, value) -> command.addAll(List.of("--broker-property", key + "=" + value)));
        if (options.security != null) {
            command.addAll(List.of(
                    "--security-file",
                    options.dataDir.resolve(SECURITY_FILE).toAbsolutePath().toString()));
        }
        return command;
    }

    private static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Reads stdout to the end (a full pipe would block the child), copying it to a file. */
    private static CompletableFuture<String> drainStdout(Process process, Path copy) {
        CompletableFuture<String> bootstrap = new CompletableFuture<>();
        Thread drainer = new Thread(() -> copyLines(process, copy, bootstrap), "embedded-kafka-stdout");
        drainer.setDaemon(true);
        drainer.start();
        return bootstrap;
    }

    private static void copyLines(Process process, Path copy, CompletableFuture<String> bootstrap) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(
                        copy, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.startsWith(EmbeddedKafkaMain.BOOTSTRAP_PREFIX)) {
                    bootstrap.complete(line.substring(EmbeddedKafkaMain.BOOTSTRAP_PREFIX.length())
                            .strip());
                }
            }
            bootstrap.completeExceptionally(new IllegalStateException("process exited before printing "
                    + EmbeddedKafkaMain.BOOTSTRAP_PREFIX + " (" + exitCode(process) + ")"));
        } catch (IOException e) {
            bootstrap.completeExceptionally(e);
        }
    }

    /** Stdout has ended, so the process is exiting; still, wait only briefly for its exit code. */
    private static String exitCode(Process process) {
        try {
            return process.waitFor(EXIT_CODE_WAIT_MS, TimeUnit.MILLISECONDS)
                    ? "exit code " + process.exitValue()
                    : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "exit code unknown";
        }
    }

    private static String awaitBootstrap(Process process, CompletableFuture<String> bootstrap, Duration timeout) {
        try {
            return bootstrap.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "no " + EmbeddedKafkaMain.BOOTSTRAP_PREFIX + " line (process alive: " + process.isAlive() + ")", e);
        }
    }

    private static int destroyAndWait(Process process, boolean forcibly, Duration timeout) {
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "Kafka broker process " + process.pid() + " did not exit within " + timeout.toMillis() + " ms");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    /** The end of a log file, for error messages. */
    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(none)";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Options of the child JVM. */
    public static final class Builder {
        private final Path dataDir;
        private int port;
        private int controllerPort;
        private KRaftNode node = KRaftNode.SINGLE;
        private String clusterId;
        private Duration startTimeout = Duration.ofMillis(EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT_MS);
        private List<String> jvmArgs = DEFAULT_JVM_ARGS;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private BrokerSecurity security;

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir is required");
        }

        /** 0 (the default) picks a free port, or the previous start's port on the same data directory. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Like {@link #port(int)}, for the KRaft controller listener. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** See {@link EmbeddedKafkaConfig#node()}. */
        public Builder node(KRaftNode node) {
            this.node = Objects.requireNonNull(node, "node");
            return this;
        }

        /** See {@link EmbeddedKafkaConfig#clusterId()}. */
        public Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        public Builder jvmArgs(List<String> jvmArgs) {
            this.jvmArgs = List.copyOf(jvmArgs);
            return this;
        }

        /** See {@link EmbeddedKafkaConfig#brokerProperties()}. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /** SASL/SCRAM and ACLs (see {@link EmbeddedKafkaConfig#security()}); null (the default) for PLAINTEXT. */
        public Builder security(BrokerSecurity security) {
            this.security = security;
            return this;
        }

        /**
         * Starts the child JVM and blocks until it prints its bootstrap line, within the start timeout.
         *
         * @throws EmbeddedKafkaStartException if the child exits or stays silent; it is killed then
         */
        public EmbeddedKafkaProcess start() {
            return EmbeddedKafkaProcess.start(this);
        }
    }
}
