package com.alluse.streams.client;

import com.alluse.streams.serde.AvroSerdes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producers, consumers and admin clients of the pipeline's topics: string keys, Avro values in the Confluent
 * wire format. Every client starts from a {@link KafkaConnection}'s settings, so security reaches all of them;
 * the {@code String bootstrapServers} variants are PLAINTEXT.
 */
public final class Clients {
    private Clients() {}

    /** Idempotent, acks=all: a command sent is written once, in order per portfolio. */
    public static KafkaProducer<String, SpecificRecord> producer(
            KafkaConnection connection, Map<String, Object> serdeConfig) {
        return new KafkaProducer<>(
                producerProperties(connection),
                new StringSerializer(),
                AvroSerdes.<SpecificRecord>specific(serdeConfig, false).serializer());
    }

    public static KafkaProducer<String, SpecificRecord> producer(
            String bootstrapServers, Map<String, Object> serdeConfig) {
        return producer(KafkaConnection.plaintext(bootstrapServers), serdeConfig);
    }

    private static Map<String, Object> producerProperties(KafkaConnection connection) {
        Map<String, Object> props = connection.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return props;
    }

    /** An idempotent, acks=all producer of one topic, with that topic's serdes. */
    public static <K, V> KafkaProducer<K, V> producer(String bootstrapServers, Topic<K, V> topic) {
        return new KafkaProducer<>(
                producerProperties(KafkaConnection.plaintext(bootstrapServers)),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    /** A read_committed consumer of one topic, with that topic's serdes; without a group when {@code groupId} is null. */
    public static <K, V> KafkaConsumer<K, V> consumer(KafkaConnection connection, Topic<K, V> topic, String groupId) {
        return new KafkaConsumer<>(
                consumerProperties(connection, groupId),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    /** Assigns every partition of the topic, from the beginning: no consumer group involved. */
    public static void assignAllFromBeginning(KafkaConsumer<?, ?> consumer, String topic) {
        consumer.seekToBeginning(assignAll(consumer, topic));
    }

    /** Assigns every partition of the topic, at its end (only records written from now on): no consumer group involved. */
    public static void assignAllAtEnd(KafkaConsumer<?, ?> consumer, String topic) {
        consumer.seekToEnd(assignAll(consumer, topic));
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        return partitions;
    }

    /** Reads only committed records: the pipeline's outputs are transactional. */
    public static KafkaConsumer<String, SpecificRecord> consumer(
            KafkaConnection connection, Map<String, Object> serdeConfig, String groupId) {
        return new KafkaConsumer<>(
                consumerProperties(connection, groupId),
                new StringDeserializer(),
                AvroSerdes.<SpecificRecord>specific(serdeConfig, false).deserializer());
    }

    public static KafkaConsumer<String, SpecificRecord> consumer(
            String bootstrapServers, Map<String, Object> serdeConfig, String groupId) {
        return consumer(KafkaConnection.plaintext(bootstrapServers), serdeConfig, groupId);
    }

    private static Map<String, Object> consumerProperties(KafkaConnection connection, String groupId) {
        Map<String, Object> props = connection.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, groupId != null);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return props;
    }

    /**
     * Reads only committed records as raw bytes, without a consumer group: for tools that decode
     * each record themselves, so that one undecodable record does not stop the consumer.
     */
    public static KafkaConsumer<byte[], byte[]> rawConsumer(KafkaConnection connection) {
        Map<String, Object> props = connection.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A tool reading pipeline topics must never create one (with the wrong partition count).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public static KafkaConsumer<byte[], byte[]> rawConsumer(String bootstrapServers) {
        return rawConsumer(KafkaConnection.plaintext(bootstrapServers));
    }

    /** An admin client whose requests, and every call's whole wait, are bounded by {@code timeoutMs}. */
    public static Admin admin(KafkaConnection connection, int timeoutMs) {
        Map<String, Object> props = connection.clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        return Admin.create(props);
    }

    private static String readCommitted() {
        return IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT);
    }
}
