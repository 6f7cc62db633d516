package com.alluse.streams.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

/** The server.properties of one KRaft node (combined, controller or broker) bound to 127.0.0.1. */
final class BrokerProperties {

    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String SECURED_BROKER_LISTENER = "SASL_PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String STANDARD_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private BrokerProperties() {}

    /** The client and inter-broker listener: named after its protocol. */
    static String brokerListener(EmbeddedKafkaConfig config) {
        return config.security() == null ? BROKER_LISTENER : SECURED_BROKER_LISTENER;
    }

    /** Log directory (data and KRaft metadata log) under the caller's data directory. */
    static Path logDir(Path dataDir) {
        return dataDir.resolve("logs");
    }

    /** The port of a listener in a server.properties, e.g. 9092 for "PLAINTEXT://127.0.0.1:9092". */
    static OptionalInt listenerPort(Properties serverProperties, String listenerName) {
        String prefix = listenerName + "://" + HOST + ":";
        for (String listener : serverProperties.getProperty("listeners", "").split(",")) {
            if (listener.strip().startsWith(prefix)) {
                return parsePort(listener.strip().substring(prefix.length()));
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt parsePort(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Bound on Kafka's own waits inside {@code startup()}; set from the time left just before it. */
    static final String STARTUP_BUDGET_MS = "server.max.startup.time.ms";

    static Properties build(EmbeddedKafkaConfig config, int port, int controllerPort) {
        Properties props = new Properties();
        props.putAll(singleNodeDefaults(config));
        props.putAll(config.brokerProperties());
        props.putAll(managed(config, port, controllerPort));
        if (config.security() != null) {
            props.putAll(security(config.security()));
        }
        return props;
    }

    /**
     * Settings derived from the config; {@link EmbeddedKafkaConfig} refuses overrides of these keys. A port the
     * node's role does not listen on is ignored.
     */
    private static Map<String, String> managed(EmbeddedKafkaConfig config, int port, int controllerPort) {
        KRaftNode node = config.node();
        String broker = brokerListener(config);
        String protocol = config.security() == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        Map<String, String> managed = new LinkedHashMap<>();
        managed.put("process.roles", node.role().processRoles());
        managed.put("node.id", String.valueOf(node.nodeId()));
        // A static voter set: the voter endpoint is configuration, not persisted in the metadata log.
        managed.put(
                "controller.quorum.voters",
                node.role().hasController()
                        ? KRaftNode.voter(node.nodeId(), controllerPort)
                        : node.controllerQuorumVoters());
        List<String> listeners = new ArrayList<>();
        if (node.role().hasBroker()) {
            listeners.add(broker + "://" + HOST + ":" + port);
            managed.put("advertised.listeners", broker + "://" + HOST + ":" + port);
            managed.put("inter.broker.listener.name", broker);
        }
        if (node.role().hasController()) {
            listeners.add(CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        }
        managed.put("listeners", String.join(",", listeners));
        managed.put(
                "listener.security.protocol.map", broker + ":" + protocol + "," + CONTROLLER_LISTENER + ":" + protocol);
        managed.put("controller.listener.names", CONTROLLER_LISTENER);
        managed.put("log.dirs", logDir(config.dataDir()).toAbsolutePath().toString());
        return managed;
    }

    /**
     * SCRAM-SHA-512 on the broker listener for clients and the broker itself; PLAIN on the loopback controller
     * listener (KRaft controllers cannot use SCRAM: its credentials live in the metadata they serve), with the
     * broker as its only user. The broker is the only super user; everyone else needs ACLs.
     */
    private static Map<String, String> security(BrokerSecurity security) {
        String user = security.superUser();
        String password = security.superUserPassword();
        String scramListener = "listener.name." + SECURED_BROKER_LISTENER.toLowerCase(Locale.ROOT) + ".";
        String controllerListener = "listener.name." + CONTROLLER_LISTENER.toLowerCase(Locale.ROOT) + ".";
        return Map.ofEntries(
                Map.entry("sasl.enabled.mechanisms", BrokerSecurity.MECHANISM),
                Map.entry("sasl.mechanism.inter.broker.protocol", BrokerSecurity.MECHANISM),
                Map.entry(
                        scramListener + BrokerSecurity.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                        BrokerSecurity.scramJaasConfig(user, password)),
                Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
                Map.entry(controllerListener + "sasl.enabled.mechanisms", "PLAIN"),
                Map.entry(
                        controllerListener + "plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                                + "\" password=\"" + password + "\" user_" + user + "=\"" + password + "\";"),
                Map.entry("authorizer.class.name", STANDARD_AUTHORIZER),
                Map.entry("super.users", "User:" + user));
    }

    /**
     * One broker: every internal topic has one replica (a cluster overrides these through the broker properties);
     * small thread pools for a 2-core machine.
     */
    private static Map<String, String> singleNodeDefaults(EmbeddedKafkaConfig config) {
        return Map.ofEntries(
                Map.entry("num.partitions", String.valueOf(config.defaultPartitions())),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                // Exactly-once needs a transaction state log that one broker can satisfy.
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "3"),
                // Else every consumer group and Streams start waits 3 s for more members.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("log.segment.bytes", String.valueOf(32 * 1024 * 1024)),
                Map.entry("num.network.threads", "2"),
                Map.entry("num.io.threads", "2"),
                Map.entry("background.threads", "2"),
                Map.entry("num.recovery.threads.per.data.dir", "1"),
                Map.entry("num.replica.fetchers", "1"),
                Map.entry("log.cleaner.threads", "1"),
                // The cleaner's default 128 MiB dedupe buffer would dominate the heap of a test broker.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024)));
    }
}
