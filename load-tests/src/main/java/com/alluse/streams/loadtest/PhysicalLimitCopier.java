package com.alluse.streams.loadtest;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.topology.StreamsSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The physical limit the pipeline is measured against: the least work an exactly-once
 * consume-transform-produce of the same records can do on this broker. A read_committed consumer
 * and a transactional producer (committing every 100 ms, offsets in the transaction, like Kafka
 * Streams' exactly_once_v2) decode each command with the same Avro serde and write as many
 * records per command as the pipeline does (one result, which the load generator matches, plus
 * copies of the command), with no state, no stores and no changelogs.
 */
final class PhysicalLimitCopier implements AutoCloseable {
    static final long COMMIT_INTERVAL_MS = 100;
    /** In the name of the copy loop's thread and its clients' threads, for the CPU measurement. */
    static final String THREAD_MARKER = "physical-limit-";

    private static final Duration POLL = Duration.ofMillis(50);
    private static final long JOIN_TIMEOUT_MS = 30_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final Deserializer<SpecificRecord> commandDeserializer;
    private final String commandsTopic;
    private final String resultsTopic;
    private final String copiesTopic;
    private final double outputsPerCommand;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private double copiesOwed;
    private long recordsWritten;
    private long transactions;

    /** @param outputsPerCommand records to write per command, at least 1 (the result); fractions are honoured on average */
    PhysicalLimitCopier(
            BenchmarkEnvironment env,
            PipelineSpec spec,
            String commandsTopic,
            String resultsTopic,
            String copiesTopic,
            double outputsPerCommand) {
        if (outputsPerCommand < 1) {
            throw new IllegalArgumentException("outputsPerCommand must be at least 1, got " + outputsPerCommand);
        }
        this.commandsTopic = commandsTopic;
        this.resultsTopic = resultsTopic;
        this.copiesTopic = copiesTopic;
        this.outputsPerCommand = outputsPerCommand;
        this.commandDeserializer =
                AvroSerdes.<SpecificRecord>specific(env.serdeConfig(), false).deserializer();
        this.consumer = new KafkaConsumer<>(
                consumerProps(env, spec, commandsTopic),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(
                producerProps(env, spec),
                new StringSerializer(),
                AvroSerdes.<SpecificRecord>specific(env.serdeConfig(), false).serializer());
        this.thread = new Thread(this::run, THREAD_MARKER + commandsTopic);
        this.thread.setDaemon(true);
    }

    /**
     * The client settings the pipeline's own consumer and producer get (StreamsSettings with this
     * run's overrides: max.poll.records, linger.ms, compression), so that the comparison differs in
     * the work done, not in client tuning.
     */
    private static Map<String, Object> pipelineClientSettings(
            BenchmarkEnvironment env, PipelineSpec spec, String prefix) {
        Properties streams = new StreamsSettings(
                        "physical-limit",
                        env.bootstrapServers(),
                        env.workDir(),
                        1,
                        0,
                        spec.processingGuarantee(),
                        spec.commitIntervalMs(),
                        spec.rocksDbMemoryBytes(),
                        (short) 1,
                        null,
                        spec.overrides())
                .toProperties();
        Map<String, Object> settings = new HashMap<>();
        for (String name : streams.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                settings.put(name.substring(prefix.length()), streams.get(name));
            }
        }
        return settings;
    }

    private static Map<String, Object> consumerProps(
            BenchmarkEnvironment env, PipelineSpec spec, String commandsTopic) {
        Map<String, Object> props = pipelineClientSettings(env, spec, StreamsConfig.CONSUMER_PREFIX);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, THREAD_MARKER + commandsTopic);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, THREAD_MARKER + "consumer-" + commandsTopic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private static Map<String, Object> producerProps(BenchmarkEnvironment env, PipelineSpec spec) {
        Map<String, Object> props = pipelineClientSettings(env, spec, StreamsConfig.PRODUCER_PREFIX);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, THREAD_MARKER + UUID.randomUUID());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, THREAD_MARKER + "producer");
        return props;
    }

    void start() {
        producer.initTransactions();
        consumer.subscribe(List.of(commandsTopic));
        thread.start();
    }

    private void run() {
        try {
            long lastCommitNanos = System.nanoTime();
            boolean inTransaction = false;
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(POLL);
                if (!batch.isEmpty() && !inTransaction) {
                    producer.beginTransaction();
                    inTransaction = true;
                }
                for (ConsumerRecord<String, byte[]> record : batch) {
                    copy(record);
                }
                if (inTransaction && System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL_MS * 1_000_000) {
                    commit();
                    inTransaction = false;
                    lastCommitNanos = System.nanoTime();
                }
            }
            if (inTransaction) {
                commit();
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void copy(ConsumerRecord<String, byte[]> record) {
        AccountCommand command =
                (AccountCommand) commandDeserializer.deserialize(record.topic(), record.headers(), record.value());
        CommandResult result = CommandResult.newBuilder()
                .setCommandId(command.getCommandId())
                .setPortfolioId(command.getPortfolioId())
                .setCommandKind(command.getPayload().getClass().getSimpleName())
                .setOutcome(CommandOutcome.ACCEPTED)
                .setCommandPartition(record.partition())
                .setCommandOffset(record.offset())
                .setEventTimeMs(command.getEventTimeMs())
                .build();
        producer.send(new ProducerRecord<>(resultsTopic, null, record.timestamp(), record.key(), result));
        recordsWritten++;
        copiesOwed += outputsPerCommand - 1;
        // Bounded: at most ceil(outputsPerCommand) copies per command.
        while (copiesOwed >= 1) {
            producer.send(new ProducerRecord<>(copiesTopic, null, record.timestamp(), record.key(), command));
            copiesOwed -= 1;
            recordsWritten++;
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        transactions++;
    }

    RuntimeException failure() {
        return failure;
    }

    long recordsWritten() {
        return recordsWritten;
    }

    long transactions() {
        return transactions;
    }

    double outputsPerCommand() {
        return outputsPerCommand;
    }

    @Override
    public void close() {
        try {
            running = false;
            thread.join(JOIN_TIMEOUT_MS);
            if (thread.isAlive()) {
                consumer.wakeup();
                thread.join(JOIN_TIMEOUT_MS);
            }
            producer.close(Duration.ofSeconds(10));
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        } catch (InterruptedException e) {
            // Closing must not throw: keep the interrupt for the caller to see.
            Thread.currentThread().interrupt();
        }
    }
}
