package com.alluse.streams.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Runs an {@link EmbeddedKafkaBroker} as its own JVM process, so several application processes can share
 * one broker and tests can kill it. Prints {@value #BOOTSTRAP_PREFIX}{@code 127.0.0.1:<port>} on stdout
 * once ready; stops the broker cleanly on SIGTERM (or Ctrl-C).
 *
 * <pre>
 * java -cp &lt;classpath&gt; com.alluse.streams.localstack.EmbeddedKafkaMain --data-dir target/kafka --port 9092
 * </pre>
 * Options: {@code --data-dir <dir>} (required), {@code --port <n>} (0 = free port, default 0),
 * {@code --partitions <n>}, {@code --start-timeout-ms <ms>}, {@code --broker-property key=value} (repeatable),
 * {@code --role combined|controller|broker} (default combined), {@code --node-id <n>} (default 1),
 * {@code --controller-port <n>}, {@code --controller-quorum-voters id@host:port} (a broker's controller),
 * {@code --cluster-id <id>} (to format a new data directory with; all nodes of a cluster share one),
 * {@code --exit-with-parent} (stop when the launching process ends, so a crashed test run leaves no broker),
 * {@code --security-file <file>} (SASL/SCRAM and ACLs, see {@link #readSecurity}; a file, as passwords on a
 * command line are visible to every local user; a combined node only).
 * Exit codes: 1 start failed, 2 usage error, 143 stopped by SIGTERM.
 */
public final class EmbeddedKafkaMain {

    /** The line prefix {@link EmbeddedKafkaProcess} and scripts wait for. */
    public static final String BOOTSTRAP_PREFIX = "BOOTSTRAP_SERVERS=";

    static final int EXIT_START_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final String EXIT_WITH_PARENT = "--exit-with-parent";
    private static final Set<String> VALUED_OPTIONS = Set.of(
            "--data-dir",
            "--port",
            "--controller-port",
            "--partitions",
            "--start-timeout-ms",
            "--broker-property",
            "--role",
            "--node-id",
            "--controller-quorum-voters",
            "--cluster-id",
            "--security-file");
    static final String SUPER_USER = "super.user";
    static final String SUPER_PASSWORD = "super.password";
    static final String USER_PREFIX = "user.";
    private static final String USAGE =
            "usage: --data-dir <dir> [--port <n>] [--controller-port <n>] [--partitions <n>]"
                    + " [--start-timeout-ms <ms>] [--broker-property key=value]... [--role combined|controller|broker]"
                    + " [--node-id <n>] [--controller-quorum-voters id@host:port] [--cluster-id <id>]"
                    + " [--security-file <file>] [" + EXIT_WITH_PARENT + "]";

    private EmbeddedKafkaMain() {}

    /** Parsed command line. */
    record Options(EmbeddedKafkaConfig config, boolean exitWithParent) {}

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("EmbeddedKafkaMain: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        run(options);
    }

    private static void run(Options options) throws InterruptedException {
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(options.config());
        } catch (EmbeddedKafkaStartException e) {
            System.err.println("EmbeddedKafkaMain: " + e.getMessage());
            System.exit(EXIT_START_FAILED);
            return;
        }
        // SIGTERM (Process.destroy(), kill, Ctrl-C) and System.exit run shutdown hooks: stop the broker there.
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-shutdown-hook"));
        if (options.exitWithParent()) {
            exitWithParent();
        }
        System.out.println(BOOTSTRAP_PREFIX + broker.bootstrapServers());
        System.out.flush();
        // A server process: it lives until it is signalled, so this wait is deliberately unbounded.
        Thread.currentThread().join();
    }

    /** A launcher killed with SIGKILL cannot stop its child: the child watches it instead. */
    private static void exitWithParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            System.err.println("EmbeddedKafkaMain: parent process already gone, stopping");
            System.exit(0);
        }
        parent.onExit().thenRun(() -> {
            System.err.println("EmbeddedKafkaMain: parent process " + parent.pid() + " ended, stopping");
            System.exit(0);
        });
    }

    static Options parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        Map<String, String> brokerProperties = new LinkedHashMap<>();
        boolean exitWithParent = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals(EXIT_WITH_PARENT)) {
                exitWithParent = true;
                continue;
            }
            if (!VALUED_OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (++i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (name.equals("--broker-property")) {
                putProperty(brokerProperties, args[i]);
            } else {
                options.put(name, args[i]);
            }
        }
        return new Options(config(options, brokerProperties), exitWithParent);
    }

    private static EmbeddedKafkaConfig config(Map<String, String> options, Map<String, String> brokerProperties) {
        String dataDir = options.get("--data-dir");
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return EmbeddedKafkaConfig.builder(Path.of(dataDir))
                .port(number(options, "--port", 0))
                .controllerPort(number(options, "--controller-port", 0))
                .node(node(options))
                .clusterId(options.get("--cluster-id"))
                .defaultPartitions(number(options, "--partitions", EmbeddedKafkaConfig.DEFAULT_PARTITIONS))
                .startTimeoutMs(
                        number(options, "--start-timeout-ms", (int) EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT_MS))
                .brokerProperties(brokerProperties)
                .security(
                        options.containsKey("--security-file")
                                ? readSecurity(Path.of(options.get("--security-file")))
                                : null)
                .build();
    }

    private static KRaftNode node(Map<String, String> options) {
        String role = options.getOrDefault("--role", KRaftNode.Role.COMBINED.name());
        KRaftNode.Role parsed;
        try {
            parsed = KRaftNode.Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--role must be combined, controller or broker: " + role, e);
        }
        return new KRaftNode(
                parsed,
                number(options, "--node-id", KRaftNode.SINGLE.nodeId()),
                options.get("--controller-quorum-voters"));
    }

    /** A properties file: {@code super.user}, {@code super.password} and one {@code user.<name>=<password>} per user. */
    static BrokerSecurity readSecurity(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --security-file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> users = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(USER_PREFIX)) {
                users.put(name.substring(USER_PREFIX.length()), properties.getProperty(name));
            }
        }
        return new BrokerSecurity(properties.getProperty(SUPER_USER), properties.getProperty(SUPER_PASSWORD), users);
    }

    /** The file {@link #readSecurity} reads, readable by its owner only. */
    static void writeSecurity(BrokerSecurity security, Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(SUPER_USER, security.superUser());
        properties.setProperty(SUPER_PASSWORD, security.superUserPassword());
        security.users().forEach((name, password) -> properties.setProperty(USER_PREFIX + name, password));
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "SCRAM users of the embedded broker");
        }
    }

    private static int number(Map<String, String> options, String name, int defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value, e);
        }
    }

    private static void putProperty(Map<String, String> properties, String keyValue) {
        int equals = keyValue.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--broker-property must be key=value: " + keyValue);
        }
        properties.put(keyValue.substring(0, equals), keyValue.substring(equals + 1));
    }
}
