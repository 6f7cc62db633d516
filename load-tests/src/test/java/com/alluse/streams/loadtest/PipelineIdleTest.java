package com.alluse.streams.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** On a real broker: when a group counts as idle. */
@Timeout(120)
class PipelineIdleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static BenchmarkEnvironment env;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        env = BenchmarkEnvironment.start(dir, false);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        env.close();
    }

    @Test
    void shouldWaitUntilTheGroupHasCommittedEveryRecordOfItsPartitions() throws Exception {
        TopicPartition partition = topicWithRecords("behind", 10);
        commit("behind-group", partition, 4);
        CompletableFuture.runAsync(
                () -> commit("behind-group", partition, 10), CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

        try (PipelineIdle idle = new PipelineIdle(env.bootstrapServers(), TIMEOUT)) {
            idle.await("behind-group");
        }

        assertThat(committed("behind-group", partition))
                .as("await returned once the group caught up, not while it was 6 behind")
                .isEqualTo(10);
    }

    @Test
    void shouldNotWaitForRecordsOfATransactionStillOpen() throws Exception {
        TopicPartition partition = topic("open-transaction");
        commit("open-transaction-group", partition, 0);
        try (KafkaProducer<String, String> producer = producer("open-transaction-writer")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(partition.topic(), "k", "v")).get();
            long startNanos = System.nanoTime();

            try (PipelineIdle idle = new PipelineIdle(env.bootstrapServers(), TIMEOUT)) {
                idle.await("open-transaction-group");
            }

            assertThat(Duration.ofNanos(System.nanoTime() - startNanos))
                    .as("returned without waiting for its timeout")
                    .isLessThan(TIMEOUT);
            producer.abortTransaction();
        }
    }

    @Test
    void shouldGiveUpAtItsTimeoutWhenTheGroupStaysBehind() throws Exception {
        TopicPartition partition = topicWithRecords("stuck", 3);
        commit("stuck-group", partition, 1);
        Duration timeout = Duration.ofSeconds(1);
        long startNanos = System.nanoTime();

        try (PipelineIdle idle = new PipelineIdle(env.bootstrapServers(), timeout)) {
            idle.await("stuck-group");
        }

        assertThat(Duration.ofNanos(System.nanoTime() - startNanos))
                .as("waited for its timeout, no shorter")
                .isGreaterThanOrEqualTo(timeout);
    }

    private static TopicPartition topic(String name) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        return new TopicPartition(name, 0);
    }

    private static TopicPartition topicWithRecords(String name, int records) throws Exception {
        TopicPartition partition = topic(name);
        try (KafkaProducer<String, String> producer = producer(null)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(name, "k" + i, "v" + i));
            }
            producer.flush();
        }
        return partition;
    }

    private static void commit(String group, TopicPartition partition, long offset) {
        try {
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset)))
                    .all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long committed(String group, TopicPartition partition) throws Exception {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get()
                .get(partition)
                .offset();
    }

    private static KafkaProducer<String, String> producer(String transactionalId) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config);
    }
}
