package com.alluse.streams.embedded;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs an {@link EmbeddedKafkaBroker} as its own JVM process, so several application processes can share
 * one broker and tests can kill it. Prints {@value #BOOTSTRAP_PREFIX}{@code 127.0.0.1:<port>} on stdout
 * once ready; stops the broker on SIGTERM.
 *
 * <pre>
 * java -cp &lt;classpath&gt; com.alluse.streams.embedded.EmbeddedKafkaMain --data-dir target/kafka --port 9092
 * </pre>
 * Options: {@code --data-dir <dir>} (required), {@code --port <n>} (0 = free port, default 0),
 * {@code --partitions <n>}, {@code --start-timeout-ms <ms>}, {@code --broker-property key=value} (repeatable).
 */
public final class EmbeddedKafkaMain {

    /** The line prefix {@link EmbeddedKafkaProcess} and scripts wait for. */
    public static final String BOOTSTRAP_PREFIX = "BOOTSTRAP_SERVERS=";
    static final int EXIT_USAGE = 2;
    static final int EXIT_START_FAILED = 1;
    private static final Set<String> OPTIONS = Set.of("--data-dir", "--port", "--partitions", "--start-timeout-ms");

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("EmbeddedKafkaMain: " + e.getMessage());
            System.err.println("usage: --data-dir <dir> [--port <n>] [--partitions <n>] [--start-timeout-ms <ms>]"
                    + " [--broker-property key=value]...");
            System.exit(EXIT_USAGE);
            return;
        }
        run(config, System.out);
    }

    private static void run(EmbeddedKafkaConfig config, PrintStream out) throws InterruptedException {
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(config);
        } catch (EmbeddedKafkaStartException e) {
            System.err.println("EmbeddedKafkaMain: " + e.getMessage());
            System.exit(EXIT_START_FAILED);
            return;
        }
        // SIGTERM (Process.destroy(), Ctrl-C, kill) runs shutdown hooks: stop the broker cleanly there.
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-shutdown-hook"));
        out.println(BOOTSTRAP_PREFIX + broker.bootstrapServers());
        out.flush();
        // A server process: it lives until it is signalled, so this wait is deliberately unbounded.
        Thread.currentThread().join();
    }

    static EmbeddedKafkaConfig parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        Map<String, String> brokerProperties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (name.equals("--broker-property")) {
                putProperty(brokerProperties, args[i + 1]);
            } else if (OPTIONS.contains(name)) {
                options.put(name, args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option " + name);
            }
        }
        String dataDir = options.get("--data-dir");
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return EmbeddedKafkaConfig.builder(Path.of(dataDir))
                .port(number(options, "--port", 0))
                .defaultPartitions(number(options, "--partitions", EmbeddedKafkaConfig.DEFAULT_PARTITIONS))
                .startTimeoutMs(number(options, "--start-timeout-ms",
                        (int) EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT_MS))
                .brokerProperties(brokerProperties)
                .build();
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
