package com.alluse.streams.localstack;

import static com.alluse.streams.localstack.KafkaTestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.client.Clients;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.TopicReadiness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A broker with SASL/SCRAM-SHA-512 and StandardAuthorizer: the super user may do anything, others what ACLs grant. */
@Timeout(180)
class EmbeddedKafkaSecurityTest {
    private static final BrokerSecurity SECURITY =
            new BrokerSecurity("broker", "broker-pw", Map.of("alice", "alice-pw", "bob", "bob-pw"));
    private static final int SHORT_TIMEOUT_MS = 5_000;

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(
                EmbeddedKafkaConfig.builder(dataDir).security(SECURITY).build());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldLetTheSuperUserCreateTopicsAndCommitTransactionsOverScram() throws Exception {
        assertThat(broker.connection().security()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        createTopic("super-" + UUID.randomUUID());
        String topic = "committed-" + UUID.randomUUID();
        createTopic(topic);

        // Commit markers travel over the inter-broker listener: SCRAM as the broker's own user.
        try (KafkaProducer<String, String> producer = KafkaTestClients.transactionalProducer(broker.connection())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "v"));
            producer.commitTransaction();
        }
        assertThat(KafkaTestClients.readAtLeast(broker.connection(), topic, IsolationLevel.READ_COMMITTED, 1))
                .containsExactly("v");
    }

    @Test
    void shouldRefuseAUserWithoutAclsAndAllowWhatItIsGranted() throws Exception {
        String topic = "granted-" + UUID.randomUUID();
        createTopic(topic);
        try (Admin alice = Clients.admin(broker.connection("alice"), SHORT_TIMEOUT_MS)) {
            assertThatThrownBy(() ->
                            alice.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(alice.listTopics().names().get(10, TimeUnit.SECONDS))
                    .as("topics it may not describe are not listed")
                    .doesNotContain(topic);
        }

        grant("User:alice", topic, AclOperation.WRITE, AclOperation.DESCRIBE);

        try (KafkaProducer<String, String> producer = producer(broker.connection("alice"))) {
            producer.send(new ProducerRecord<>(topic, "k", "from-alice")).get(30, TimeUnit.SECONDS);
        }
        try (Admin bob = Clients.admin(broker.connection("bob"), SHORT_TIMEOUT_MS)) {
            assertThatThrownBy(() ->
                            bob.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS))
                    .as("alice's ACLs are not bob's")
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThat(KafkaTestClients.readAtLeast(broker.connection(), topic, IsolationLevel.READ_COMMITTED, 1))
                .containsExactly("from-alice");
    }

    @Test
    void shouldRefuseAWrongPasswordAndAnUnknownUser() {
        for (Map<String, String> security : List.of(
                BrokerSecurity.clientSecurity("alice", "not-alice-pw"),
                BrokerSecurity.clientSecurity("mallory", "mallory-pw"))) {
            try (Admin admin =
                    Clients.admin(new KafkaConnection(broker.bootstrapServers(), security), SHORT_TIMEOUT_MS)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void shouldServeNoPlaintextClient() {
        try (Admin admin = Clients.admin(KafkaConnection.plaintext(broker.bootstrapServers()), SHORT_TIMEOUT_MS)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void shouldRunSecuredInAChildProcessWithItsPasswordsInAnOwnerOnlyFile() throws Exception {
        Path dir = dataDir.resolveSibling(dataDir.getFileName() + "-process");
        try (EmbeddedKafkaProcess process =
                EmbeddedKafkaProcess.builder(dir).security(SECURITY).start()) {
            try (Admin admin = Clients.admin(process.connection(), SHORT_TIMEOUT_MS)) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                        .hasSize(1);
            }
            try (Admin alice = Clients.admin(process.connection("alice"), SHORT_TIMEOUT_MS)) {
                assertThatThrownBy(() -> alice.createTopics(List.of(new NewTopic("t", 1, (short) 1)))
                                .all()
                                .get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            assertThat(String.join(" ", process.process().info().arguments().orElse(new String[0])))
                    .doesNotContain("alice-pw", "broker-pw");
            try (var files = Files.list(dir)) {
                Path securityFile = files.filter(
                                file -> file.getFileName().toString().contains("security"))
                        .findFirst()
                        .orElseThrow();
                assertThat(Files.getPosixFilePermissions(securityFile))
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    private static void createTopic(String topic) {
        try (Admin admin = Clients.admin(broker.connection(), SHORT_TIMEOUT_MS)) {
            TopicReadiness.createAndAwaitWritable(admin, List.of(new NewTopic(topic, 1, (short) 1)), TIMEOUT);
        }
    }

    private static void grant(String principal, String topic, AclOperation... operations) {
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
        broker.grant(acls, TIMEOUT);
    }

    private static KafkaProducer<String, String> producer(KafkaConnection connection) {
        Map<String, Object> props = connection.clientProperties();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
