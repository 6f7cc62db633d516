package com.alluse.streams.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaConfigTest {

    private static final Path DATA_DIR = Path.of("target", "never-started");

    @Test
    void shouldDefaultToFreePortsAndSingleNodeSettings() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(DATA_DIR).build();

        assertThat(config.port()).isZero();
        assertThat(config.controllerPort()).isZero();
        assertThat(config.defaultPartitions()).isEqualTo(EmbeddedKafkaConfig.DEFAULT_PARTITIONS);
        assertThat(config.startTimeoutMs()).isEqualTo(EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT_MS);
        assertThat(config.brokerProperties()).isEmpty();
    }

    @Test
    void shouldRequireADataDirectory() {
        assertThatThrownBy(() -> EmbeddedKafkaConfig.builder(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("dataDir is required");
    }

    @Test
    void shouldRejectValuesOutOfRange() {
        assertThatThrownBy(
                        () -> EmbeddedKafkaConfig.builder(DATA_DIR).port(70_000).build())
                .hasMessage("port must be 0 (free port) or 1-65535: 70000");
        assertThatThrownBy(() -> EmbeddedKafkaConfig.builder(DATA_DIR)
                        .port(9092)
                        .controllerPort(9092)
                        .build())
                .hasMessage("port and controllerPort must differ: 9092");
        assertThatThrownBy(() -> EmbeddedKafkaConfig.builder(DATA_DIR)
                        .defaultPartitions(0)
                        .build())
                .hasMessage("defaultPartitions must be positive: 0");
        assertThatThrownBy(() -> EmbeddedKafkaConfig.builder(DATA_DIR)
                        .startTimeoutMs(500)
                        .build())
                .hasMessage("startTimeoutMs must be at least 3000: 500");
        assertThatThrownBy(() ->
                        EmbeddedKafkaConfig.builder(DATA_DIR).closeTimeoutMs(0).build())
                .hasMessage("closeTimeoutMs must be positive: 0");
    }

    @Test
    void shouldRefuseOverridesOfSettingsThatKeepTheBrokerOnLoopback() {
        assertThatThrownBy(() -> EmbeddedKafkaConfig.builder(DATA_DIR)
                        .brokerProperty("listeners", "PLAINTEXT://0.0.0.0:9092")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'listeners' is managed by EmbeddedKafkaBroker");
    }

    @Test
    void shouldBindBothListenersToLoopbackAndSizeInternalTopicsForOneBroker() {
        EmbeddedKafkaConfig config =
                EmbeddedKafkaConfig.builder(DATA_DIR).defaultPartitions(4).build();

        Properties props = BrokerProperties.build(config, 19092, 19093);

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry(
                        "log.dirs", DATA_DIR.resolve("logs").toAbsolutePath().toString())
                .containsEntry("num.partitions", "4")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void shouldGiveAControllerOnlyNodeJustItsControllerListenerAsTheSingleVoter() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(DATA_DIR)
                .node(KRaftNode.controller(100))
                .build();

        Properties props = BrokerProperties.build(config, 19092, 19093);

        assertThat(props)
                .containsEntry("process.roles", "controller")
                .containsEntry("node.id", "100")
                .containsEntry("listeners", "CONTROLLER://127.0.0.1:19093")
                .containsEntry("controller.quorum.voters", "100@127.0.0.1:19093")
                .doesNotContainKeys("advertised.listeners", "inter.broker.listener.name");
    }

    @Test
    void shouldGiveABrokerOnlyNodeItsBrokerListenerAndTheControllerItWasGiven() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(DATA_DIR)
                .node(KRaftNode.broker(2, 100, 19093))
                .brokerProperties(EmbeddedKafkaCluster.replicationProperties(3))
                .build();

        Properties props = BrokerProperties.build(config, 19094, 0);

        assertThat(props)
                .containsEntry("process.roles", "broker")
                .containsEntry("node.id", "2")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19094")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19094")
                .containsEntry("controller.quorum.voters", "100@127.0.0.1:19093")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("offsets.topic.replication.factor", "3");
    }

    @Test
    void shouldLetExtraBrokerPropertiesOverrideTheDefaults() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(DATA_DIR)
                .brokerProperty("log.segment.bytes", "1048576")
                .brokerProperty("log.retention.ms", "60000")
                .build();

        Properties props = BrokerProperties.build(config, 19092, 19093);

        assertThat(props).containsEntry("log.segment.bytes", "1048576").containsEntry("log.retention.ms", "60000");
    }

    @Test
    void shouldFindTheListenerPortsOfAPreviousStart() {
        Properties previous = new Properties();
        previous.setProperty("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");

        assertThat(BrokerProperties.listenerPort(previous, "PLAINTEXT")).hasValue(19092);
        assertThat(BrokerProperties.listenerPort(previous, "CONTROLLER")).hasValue(19093);
        assertThat(BrokerProperties.listenerPort(new Properties(), "PLAINTEXT")).isEmpty();
    }

    @Test
    void shouldSecureTheBrokerListenerWithScramTheControllerWithPlainAndAuthorizeWithTheBrokerAsSuperUser() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(DATA_DIR)
                .security(new BrokerSecurity("broker", "b-pw", Map.of("app", "a-pw")))
                .build();

        Properties props = BrokerProperties.build(config, 19092, 19093);

        assertThat(props)
                .containsEntry("listeners", "SASL_PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:19092")
                .containsEntry(
                        "listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT")
                .containsEntry("inter.broker.listener.name", "SASL_PLAINTEXT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.controller.protocol", "PLAIN")
                .containsEntry("authorizer.class.name", BrokerProperties.STANDARD_AUTHORIZER)
                .containsEntry("super.users", "User:broker")
                .doesNotContainKey("allow.everyone.if.no.acl.found");
        assertThat(props.getProperty("listener.name.controller.plain.sasl.jaas.config"))
                .contains("username=\"broker\"", "user_broker=\"b-pw\"");
        assertThat(props.getProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config"))
                .contains("ScramLoginModule", "username=\"broker\"");
        assertThat(props.toString())
                .as("other users are created through the super user")
                .doesNotContain("a-pw");
    }

    @Test
    void shouldRefuseOverridesOfSecuritySettingsAndPerListenerSettings() {
        for (String key : List.of("super.users", "authorizer.class.name", "listener.name.controller.x")) {
            assertThatThrownBy(() -> EmbeddedKafkaConfig.builder(DATA_DIR)
                            .brokerProperty(key, "v")
                            .build())
                    .as(key)
                    .hasMessageContaining("'" + key + "' is managed by EmbeddedKafkaBroker");
        }
    }

    @Test
    void shouldRefuseSecurityOnANodeOfACluster() {
        BrokerSecurity security = new BrokerSecurity("broker", "b-pw", Map.of());
        for (KRaftNode node : List.of(KRaftNode.controller(100), KRaftNode.broker(2, 100, 19093))) {
            assertThatThrownBy(() -> EmbeddedKafkaConfig.builder(DATA_DIR)
                            .node(node)
                            .security(security)
                            .build())
                    .as(node.role().name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("security needs a combined node");
        }
    }

    @Test
    void shouldRefuseSecurityNamesThatCannotGoIntoAJaasLineWithoutEchoingThem() {
        assertThatThrownBy(() -> new BrokerSecurity("broker", "pw\"; evil", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("evil");
        assertThatThrownBy(() -> new BrokerSecurity("broker", "pw", Map.of("broker", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new BrokerSecurity("broker", "b-pw", Map.of("app", "a-pw")).toString())
                .doesNotContain("pw");
    }
}
