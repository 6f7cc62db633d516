package com.alluse.streams.topology;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.client.Clients;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.localstack.EmbeddedKafkaBroker;
import com.alluse.streams.localstack.EmbeddedKafkaConfig;
import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** A real broker and schema registry on loopback, with helpers to produce and read topics fully. */
public final class BrokerFixture implements AutoCloseable {
    private final Path dataDir;
    /** The embedded broker, or null on a broker this fixture does not own ({@link #onBroker}). */
    public EmbeddedKafkaBroker broker;

    private final String externalBootstrapServers;
    public InMemorySchemaRegistryServer registry;
    public final TopicNames topics = TopicNames.DEFAULT;
    public final Map<String, Object> serdeConfig;

    public BrokerFixture(Path dataDir) {
        this(
                dataDir,
                EmbeddedKafkaBroker.start(
                        EmbeddedKafkaConfig.builder(dataDir.resolve("kafka")).build()),
                null);
    }

    private BrokerFixture(Path dataDir, EmbeddedKafkaBroker broker, String externalBootstrapServers) {
        this.dataDir = dataDir;
        this.broker = broker;
        this.externalBootstrapServers = externalBootstrapServers;
        registry = InMemorySchemaRegistryServer.start("127.0.0.1", 0);
        serdeConfig = Map.of("schema.registry.url", registry.url());
    }

    /** A registry on loopback beside a broker started elsewhere (a container): stopping or closing leaves it be. */
    public static BrokerFixture onBroker(String bootstrapServers, Path dataDir) {
        return new BrokerFixture(dataDir, null, bootstrapServers);
    }

    public String bootstrapServers() {
        return broker == null ? externalBootstrapServers : broker.bootstrapServers();
    }

    /** A pipeline on this broker with local settings and its state in {@code stateDir}, started and RUNNING. */
    public AccountStreamsApp startPipeline(int partitions, Path stateDir, Duration timeout)
            throws InterruptedException {
        return startPipeline(partitions, com.alluse.streams.domain.RulesConfig.DEFAULTS, stateDir, timeout);
    }

    /** As {@link #startPipeline(int, Path, Duration)}, with the given rules. */
    public AccountStreamsApp startPipeline(
            int partitions, com.alluse.streams.domain.RulesConfig rules, Path stateDir, Duration timeout)
            throws InterruptedException {
        AccountStreamsApp app = new AccountStreamsApp(
                pipeline(partitions, rules),
                StreamsSettings.local(bootstrapServers(), stateDir).toProperties(),
                Duration.ofSeconds(30));
        app.start(timeout);
        app.awaitRunning(timeout);
        return app;
    }

    public PipelineConfig pipeline(int partitions) {
        return pipeline(partitions, com.alluse.streams.domain.RulesConfig.DEFAULTS);
    }

    public PipelineConfig pipeline(int partitions, com.alluse.streams.domain.RulesConfig rules) {
        return new PipelineConfig(topics, partitions, (short) 1, Duration.ofDays(7), rules, serdeConfig);
    }

    public void produce(List<AccountCommand> commands) {
        produce(
                topics.commands(),
                commands.stream()
                        .map(command -> org.apache.kafka.streams.KeyValue.pair(command.getPortfolioId(), command))
                        .toList());
    }

    /** Writes the Avro values under their keys, in order, and waits until all are acknowledged. */
    public void produce(
            String topic, List<? extends org.apache.kafka.streams.KeyValue<String, ? extends SpecificRecord>> records) {
        try (KafkaProducer<String, SpecificRecord> producer = Clients.producer(bootstrapServers(), serdeConfig)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
            for (org.apache.kafka.streams.KeyValue<String, ? extends SpecificRecord> record : records) {
                sends.add(producer.send(new ProducerRecord<>(topic, record.key, record.value)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void produceRaw(String topic, byte[] key, byte[] value) {
        produceRaw(topic, List.of(new org.apache.kafka.streams.KeyValue<>(key, value)));
    }

    /** Writes the records as they are (null keys and values too), in order, and waits until all are acknowledged. */
    public void produceRaw(String topic, List<org.apache.kafka.streams.KeyValue<byte[], byte[]>> records) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrapServers(), "acks", "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                props,
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
            for (org.apache.kafka.streams.KeyValue<byte[], byte[]> record : records) {
                sends.add(producer.send(new ProducerRecord<>(topic, record.key, record.value)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads committed values of the topic until {@code done} holds for them, bounded by {@code timeout}. */
    public <T extends SpecificRecord> List<T> readUntil(
            String topic, Class<T> type, Predicate<List<T>> done, Duration timeout) {
        List<T> values = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, SpecificRecord> consumer = Clients.consumer(bootstrapServers(), serdeConfig, null)) {
            Clients.assignAllFromBeginning(consumer, topic);
            while (!done.test(values)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out reading " + topic + " with " + values.size() + " records read");
                }
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(type.cast(record.value()));
                }
            }
        }
        return values;
    }

    /** Reads every committed value up to the topic's current end (for read_committed, its stable offset). */
    public <T extends SpecificRecord> List<T> readToEnd(String topic, Class<T> type, Duration timeout) {
        List<T> values = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, SpecificRecord> consumer = Clients.consumer(bootstrapServers(), serdeConfig, null)) {
            Clients.assignAllFromBeginning(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out reading " + topic + " to its end");
                }
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(type.cast(record.value()));
                }
            }
        }
        return values;
    }

    /** Takes the registry off the network; its schemas are kept for {@link #restartRegistry()}. */
    public void stopRegistry() {
        registry.close();
    }

    public void restartRegistry() {
        registry = InMemorySchemaRegistryServer.start("127.0.0.1", registry.port(), registry.registry(), null);
    }

    /** Stops the broker, keeps it down for the given time, and starts it again on the same port and data. */
    public void bounceBroker(Duration down) throws InterruptedException {
        int port = stopBroker();
        Thread.sleep(down.toMillis());
        restartBroker(port);
    }

    /** Stops the broker (clients see it gone); its data stays for {@link #restartBroker}. Returns its port. */
    public int stopBroker() {
        int port = broker.port();
        broker.close();
        return port;
    }

    /** Starts the broker again on the port {@link #stopBroker} returned and the same data. */
    public void restartBroker(int port) {
        broker = EmbeddedKafkaBroker.start(
                EmbeddedKafkaConfig.builder(dataDir.resolve("kafka")).port(port).build());
    }

    @Override
    public void close() {
        registry.close();
        if (broker != null) {
            broker.close();
        }
    }
}
