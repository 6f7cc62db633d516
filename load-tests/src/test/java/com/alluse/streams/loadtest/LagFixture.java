package com.alluse.streams.loadtest;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real broker for the lag tests, and the topics, records and group offsets they set up. */
final class LagFixture implements AutoCloseable {
    private final BenchmarkEnvironment env;
    private final Admin admin;

    LagFixture(Path dir) {
        this.env = BenchmarkEnvironment.start(dir, false);
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers()));
    }

    String bootstrapServers() {
        return env.bootstrapServers();
    }

    /** A new topic with {@code recordsPerPartition} records (not transactional) in each partition. */
    void topicWithRecords(String name, int partitions, int recordsPerPartition) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                .all()
                .get();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int partition = 0; partition < partitions; partition++) {
                for (int i = 0; i < recordsPerPartition; i++) {
                    producer.send(new ProducerRecord<>(name, partition, "k", "v" + i));
                }
            }
        }
    }

    void commit(String group, TopicPartition partition, long offset) {
        try {
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset)))
                    .all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not commit " + offset + " on " + partition + " for " + group, e);
        }
    }

    long committed(String group, TopicPartition partition) throws Exception {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get()
                .get(partition)
                .offset();
    }

    KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        return producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
    }

    private KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    @Override
    public void close() {
        admin.close();
        env.close();
    }
}
