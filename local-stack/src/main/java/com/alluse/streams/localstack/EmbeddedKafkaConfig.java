package com.alluse.streams.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one {@link EmbeddedKafkaBroker}.
 *
 * @param dataDir           directory owned by the broker; reusing it after a stop restarts with the same data
 * @param port              PLAINTEXT port on 127.0.0.1; 0 picks a free one, preferring the port of the previous
 *                          start on this data directory; unused by a controller-only node
 * @param controllerPort    KRaft CONTROLLER port on 127.0.0.1; 0 picks a free one like {@code port}; unused by a
 *                          broker-only node
 * @param defaultPartitions {@code num.partitions} for topics created without an explicit count
 * @param node              the KRaft role and node id; {@link KRaftNode#SINGLE} (combined, node 1) by default
 * @param clusterId         the id to format a new data directory with (all nodes of a cluster share one), or null
 *                          for a random one; a formatted directory keeps its own and must match a non-null one
 * @param brokerProperties  extra broker properties; they override the single-node defaults, but not the
 *                          settings that keep the broker on loopback (see {@link #MANAGED_PROPERTIES})
 * @param startTimeoutMs    bound on {@link EmbeddedKafkaBroker#start} (format, startup and readiness), at least
 *                          {@link #MIN_START_TIMEOUT_MS}
 * @param closeTimeoutMs    bound on {@link EmbeddedKafkaBroker#close}
 * @param security          SASL/SCRAM and ACLs, or null for a PLAINTEXT broker without authorization; only on a
 *                          combined node
 */
public record EmbeddedKafkaConfig(
        Path dataDir,
        int port,
        int controllerPort,
        int defaultPartitions,
        KRaftNode node,
        String clusterId,
        Map<String, String> brokerProperties,
        long startTimeoutMs,
        long closeTimeoutMs,
        BrokerSecurity security) {

    public static final int DEFAULT_PARTITIONS = 3;
    public static final long DEFAULT_START_TIMEOUT_MS = 60_000;
    public static final long DEFAULT_CLOSE_TIMEOUT_MS = 30_000;
    /** Formatting plus the KRaft controller's startup need this much even on a warm, idle machine. */
    public static final long MIN_START_TIMEOUT_MS = 3_000;

    /** Properties the broker derives itself: overriding them would break loopback binding or restarts. */
    public static final Set<String> MANAGED_PROPERTIES = Set.of(
            "process.roles",
            "node.id",
            "broker.id",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "listeners",
            "advertised.listeners",
            "controller.listener.names",
            "inter.broker.listener.name",
            "listener.security.protocol.map",
            "log.dirs",
            "log.dir",
            "metadata.log.dir",
            "server.max.startup.time.ms",
            "sasl.enabled.mechanisms",
            "sasl.mechanism.inter.broker.protocol",
            "sasl.mechanism.controller.protocol",
            "authorizer.class.name",
            "super.users");

    /** Per-listener settings ({@code listener.name.<listener>.*}) are managed too: they carry the broker's secrets. */
    public static final String MANAGED_PREFIX = "listener.name.";

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir is required");
        requirePort("port", port);
        requirePort("controllerPort", controllerPort);
        Objects.requireNonNull(node, "node");
        if (node.role() == KRaftNode.Role.COMBINED && port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ: " + port);
        }
        requirePositive("defaultPartitions", defaultPartitions);
        if (startTimeoutMs < MIN_START_TIMEOUT_MS) {
            throw new IllegalArgumentException(
                    "startTimeoutMs must be at least " + MIN_START_TIMEOUT_MS + ": " + startTimeoutMs);
        }
        requirePositive("closeTimeoutMs", closeTimeoutMs);
        if (security != null && node.role() != KRaftNode.Role.COMBINED) {
            // The broker's SCRAM credential is written into the metadata a combined node formats for itself.
            throw new IllegalArgumentException("security needs a combined node, not a " + node.role() + " node");
        }
        brokerProperties = Map.copyOf(Objects.requireNonNull(brokerProperties, "brokerProperties"));
        rejectManaged(brokerProperties);
    }

    /** A builder with free ports and the defaults above; only the data directory is required. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    private static void requirePort(String name, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (free port) or 1-65535: " + value);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void rejectManaged(Map<String, String> properties) {
        for (String key : properties.keySet()) {
            if (MANAGED_PROPERTIES.contains(key) || key.startsWith(MANAGED_PREFIX)) {
                throw new IllegalArgumentException(
                        "broker property '" + key + "' is managed by EmbeddedKafkaBroker and cannot be overridden");
            }
        }
    }

    /** Mutable builder for {@link EmbeddedKafkaConfig}. */
    public static final class Builder {
        private final Path dataDir;
        private int port;
        private int controllerPort;
        private int defaultPartitions = DEFAULT_PARTITIONS;
        private KRaftNode node = KRaftNode.SINGLE;
        private String clusterId;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private long startTimeoutMs = DEFAULT_START_TIMEOUT_MS;
        private long closeTimeoutMs = DEFAULT_CLOSE_TIMEOUT_MS;
        private BrokerSecurity security;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        public Builder defaultPartitions(int defaultPartitions) {
            this.defaultPartitions = defaultPartitions;
            return this;
        }

        public Builder node(KRaftNode node) {
            this.node = node;
            return this;
        }

        public Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        public Builder brokerProperties(Map<String, String> properties) {
            brokerProperties.putAll(properties);
            return this;
        }

        public Builder startTimeoutMs(long startTimeoutMs) {
            this.startTimeoutMs = startTimeoutMs;
            return this;
        }

        public Builder closeTimeoutMs(long closeTimeoutMs) {
            this.closeTimeoutMs = closeTimeoutMs;
            return this;
        }

        /** SASL/SCRAM and ACLs; null (the default) for PLAINTEXT. */
        public Builder security(BrokerSecurity security) {
            this.security = security;
            return this;
        }

        public EmbeddedKafkaConfig build() {
            return new EmbeddedKafkaConfig(
                    dataDir,
                    port,
                    controllerPort,
                    defaultPartitions,
                    node,
                    clusterId,
                    brokerProperties,
                    startTimeoutMs,
                    closeTimeoutMs,
                    security);
        }
    }
}
