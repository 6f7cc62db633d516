package com.alluse.streams.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * One controller and three broker processes; the tests share the cluster (each start costs a few JVMs) and leave
 * every broker running and in sync.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class EmbeddedKafkaClusterTest {

    private static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(90);
    /** The controller fences a silent broker after broker.session.timeout.ms (9 s). */
    private static final Duration FENCE_TIMEOUT = Duration.ofSeconds(60);

    private static final String TRANSACTION_STATE_TOPIC = "__transaction_state";

    /** Kept when a test fails: the nodes' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    private EmbeddedKafkaCluster cluster;

    @BeforeAll
    void startCluster() {
        cluster = EmbeddedKafkaCluster.builder(dataDir).start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void restartStoppedBrokers() {
        cluster.restartStopped();
        assertThat(cluster.brokerIds())
                .allSatisfy(id -> assertThat(cluster.isRunning(id)).isTrue());
        cluster.awaitReplicasInSync(IN_SYNC_TIMEOUT);
    }

    @Test
    void shouldReplicateTopicsAndTheTransactionLogOnAllThreeBrokersWithTwoInSyncRequired() throws Exception {
        assertThat(cluster.brokerIds()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(cluster.bootstrapServers())
                .matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
        KafkaTestClients.createTopic(
                cluster.bootstrapServers(), new NewTopic("replicated", Optional.of(3), Optional.empty()));
        KafkaTestClients.produceCommitted(cluster.bootstrapServers(), "replicated", KafkaTestClients.values("r", 10));

        try (Admin admin = KafkaTestClients.admin(cluster.bootstrapServers())) {
            for (String topic : List.of("replicated", TRANSACTION_STATE_TOPIC)) {
                TopicDescription description = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(30, TimeUnit.SECONDS)
                        .get(topic);
                assertThat(description.partitions())
                        .as("partitions of %s", topic)
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                assertThat(minInSyncReplicas(admin, topic))
                        .as("min.insync.replicas of %s", topic)
                        .isEqualTo("2");
            }
        }
        Map<Integer, Integer> leaders = cluster.leaders("replicated");
        assertThat(leaders).hasSize(3);
        assertThat(leaders.values()).allSatisfy(id -> assertThat(id).isIn(cluster.brokerIds()));
        assertThat(cluster.leaderOf(new TopicPartition("replicated", 1))).isEqualTo(leaders.get(1));
    }

    @Test
    void shouldKeepCommittedRecordsAndCommitNewOnesWhenTheTransactionCoordinatorIsKilled() {
        String topic = "coordinator-loss";
        KafkaTestClients.createTopic(cluster.bootstrapServers(), new NewTopic(topic, 3, (short) 3));
        List<String> before = KafkaTestClients.values("before", 300);
        List<String> after = KafkaTestClients.values("after", 300);
        int coordinator;
        try (KafkaProducer<String, String> producer =
                KafkaTestClients.transactionalProducer(cluster.bootstrapServers(), "coordinator-loss-txn")) {
            producer.initTransactions();
            KafkaTestClients.sendInTransaction(producer, topic, before, true);
            coordinator = cluster.transactionCoordinatorOf("coordinator-loss-txn");
            assertThat(cluster.transactionalIds()).contains("coordinator-loss-txn");

            cluster.kill(coordinator);
            assertThat(cluster.isRunning(coordinator)).isFalse();
            cluster.awaitFenced(coordinator, FENCE_TIMEOUT);
            // The producer finds the new coordinator (a follower of the log partition) and the new leaders itself.
            KafkaTestClients.sendInTransaction(producer, topic, after, true);
        }
        assertThat(cluster.transactionCoordinatorOf("coordinator-loss-txn")).isNotEqualTo(coordinator);
        assertThat(cluster.leaders(topic).values()).doesNotContain(coordinator, -1);
        List<String> expected = new ArrayList<>(before);
        expected.addAll(after);
        assertThat(KafkaTestClients.readAtLeast(
                        cluster.bootstrapServers(), topic, IsolationLevel.READ_COMMITTED, expected.size()))
                .containsExactlyInAnyOrderElementsOf(expected);

        cluster.restart(coordinator);
        cluster.awaitReplicasInSync(IN_SYNC_TIMEOUT);
        // Every record is on the restarted broker too: it alone serves them now.
        for (int id : cluster.brokerIds()) {
            if (id != coordinator) {
                cluster.stop(id);
            }
        }
        assertThat(KafkaTestClients.readAtLeast(
                        cluster.bootstrapServers(), topic, IsolationLevel.READ_COMMITTED, expected.size()))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldRefuseAcksAllWritesWhenOnlyOneReplicaIsLeft() {
        String topic = "one-replica-left";
        KafkaTestClients.createTopic(cluster.bootstrapServers(), new NewTopic(topic, 1, (short) 3));
        int leader = cluster.leaderOf(new TopicPartition(topic, 0));
        for (int id : cluster.brokerIds()) {
            if (id != leader) {
                cluster.stop(id);
            }
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        // The broker's first answer, not a retry's timeout: an idempotent producer must retry.
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        false,
                        ProducerConfig.RETRIES_CONFIG,
                        0),
                new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() ->
                            producer.send(new ProducerRecord<>(topic, "k", "v")).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(NotEnoughReplicasException.class);
        }
    }

    private static String minInSyncReplicas(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
        return config.get("min.insync.replicas").value();
    }
}
