package com.alluse.streams.localstack;

import com.alluse.streams.client.Deadline;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.TopicReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the broker tests: topics, transactional writes and complete reads. */
final class KafkaTestClients {

    // Not raised for kill tests: after a SIGKILL, records that stayed invisible were a dropped commit marker
    // (see DeadBrokerFence), which no wait repairs; the restarted broker writes pending markers within seconds.
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private KafkaTestClients() {}

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    static void createTopic(String bootstrapServers, String topic, int partitions) {
        createTopic(bootstrapServers, new NewTopic(topic, partitions, (short) 1));
    }

    static void createTopic(String bootstrapServers, NewTopic topic) {
        try (Admin admin = admin(bootstrapServers)) {
            TopicReadiness.createAndAwaitWritable(admin, List.of(topic), TIMEOUT);
        }
    }

    static KafkaProducer<String, String> transactionalProducer(String bootstrapServers) {
        return transactionalProducer(KafkaConnection.plaintext(bootstrapServers), "test-" + UUID.randomUUID());
    }

    static KafkaProducer<String, String> transactionalProducer(String bootstrapServers, String transactionalId) {
        return transactionalProducer(KafkaConnection.plaintext(bootstrapServers), transactionalId);
    }

    static KafkaProducer<String, String> transactionalProducer(KafkaConnection connection) {
        return transactionalProducer(connection, "test-" + UUID.randomUUID());
    }

    private static KafkaProducer<String, String> transactionalProducer(
            KafkaConnection connection, String transactionalId) {
        Map<String, Object> props = connection.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Sends {@code values} in one transaction and commits it, or aborts it when {@code commit} is false. */
    static void sendInTransaction(
            KafkaProducer<String, String> producer, String topic, List<String> values, boolean commit) {
        producer.beginTransaction();
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, value, value));
        }
        producer.flush();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }

    static void produceCommitted(String bootstrapServers, String topic, List<String> values) {
        try (KafkaProducer<String, String> producer = transactionalProducer(bootstrapServers)) {
            producer.initTransactions();
            sendInTransaction(producer, topic, values, true);
        }
    }

    static List<String> values(String prefix, int count) {
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(prefix + "-" + i);
        }
        return values;
    }

    /**
     * Reads the topic from the beginning until at least {@code expectedCount} records arrived and every
     * partition is read up to its end offset (for read_committed: the last stable offset). Any record beyond
     * the expected ones that is visible by then is returned too, so callers can assert an exact count.
     * Waiting for the count matters: commitTransaction() returns before the commit markers are written,
     * so the last stable offset can lag for a moment (longer after a broker restart).
     */
    static List<String> readAtLeast(
            String bootstrapServers, String topic, IsolationLevel isolation, int expectedCount) {
        return readAtLeast(KafkaConnection.plaintext(bootstrapServers), topic, isolation, expectedCount);
    }

    static List<String> readAtLeast(
            KafkaConnection connection, String topic, IsolationLevel isolation, int expectedCount) {
        try (KafkaConsumer<String, String> consumer = consumer(connection, isolation)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toList());
            if (partitions.isEmpty()) {
                throw new AssertionError("topic " + topic + " has no partitions (does it exist?)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return pollUntil(consumer, partitions, expectedCount);
        }
    }

    private static List<String> pollUntil(
            KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, int expectedCount) {
        List<String> values = new ArrayList<>();
        Deadline deadline = Deadline.after(TIMEOUT);
        while (values.size() < expectedCount || !reachedEnd(consumer, partitions)) {
            if (deadline.isExpired()) {
                throw new AssertionError(
                        "read " + values.size() + " of " + expectedCount + " records within " + TIMEOUT);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                values.add(record.value());
            }
        }
        return values;
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey(), TIMEOUT) >= end.getValue());
    }

    static KafkaConsumer<String, String> consumer(String bootstrapServers, IsolationLevel isolation) {
        return consumer(KafkaConnection.plaintext(bootstrapServers), isolation);
    }

    static KafkaConsumer<String, String> consumer(KafkaConnection connection, IsolationLevel isolation) {
        Map<String, Object> props = connection.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
