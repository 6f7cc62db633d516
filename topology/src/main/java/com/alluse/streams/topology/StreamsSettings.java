package com.alluse.streams.topology;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings of one instance, with the pipeline's defaults: exactly-once v2, bounded
 * RocksDB memory, no record cache, changelog replication like the pipeline topics.
 *
 * @param applicationServer host:port other instances reach this one's HTTP API at, or null
 * @param overrides any StreamsConfig/client setting, applied last
 */
public record StreamsSettings(
        String applicationId,
        String bootstrapServers,
        Path stateDir,
        int streamThreads,
        int standbyReplicas,
        String processingGuarantee,
        long commitIntervalMs,
        long rocksDbMemoryBytes,
        short replicationFactor,
        String applicationServer,
        Map<String, String> overrides) {

    public static final String DEFAULT_APPLICATION_ID = "alluse-account-streams";
    /** Producer batch bound per partition (16 times Kafka's default): room for a commit interval's records. */
    static final int BATCH_SIZE_BYTES = 256 * 1024;
    /** Linger of at-least-once producers, whose records are readable as soon as they are written. */
    static final long AT_LEAST_ONCE_LINGER_MS = 5;
    /** Linger bound under exactly-once: linger + request timeout must stay within the delivery timeout. */
    static final long MAX_LINGER_MS = 1_000;

    public StreamsSettings {
        overrides = Map.copyOf(overrides);
        if (streamThreads < 1 || streamThreads > 64) {
            throw new IllegalArgumentException("streamThreads must be within 1..64, got " + streamThreads);
        }
        if (standbyReplicas < 0 || standbyReplicas > 5) {
            throw new IllegalArgumentException("standbyReplicas must be within 0..5, got " + standbyReplicas);
        }
        if (commitIntervalMs < 1) {
            throw new IllegalArgumentException("commitIntervalMs must be positive, got " + commitIntervalMs);
        }
    }

    /** Local defaults: one thread, exactly-once v2 committing every 100 ms, 128 MiB for RocksDB. */
    public static StreamsSettings local(String bootstrapServers, Path stateDir) {
        return new StreamsSettings(
                DEFAULT_APPLICATION_ID,
                bootstrapServers,
                stateDir,
                1,
                0,
                StreamsConfig.EXACTLY_ONCE_V2,
                100,
                BoundedMemoryRocksDBConfig.DEFAULT_TOTAL_MEMORY_BYTES,
                (short) 1,
                null,
                Map.of());
    }

    long lingerMs() {
        return StreamsConfig.AT_LEAST_ONCE.equals(processingGuarantee)
                ? AT_LEAST_ONCE_LINGER_MS
                : Math.min(commitIntervalMs, MAX_LINGER_MS);
    }

    public Properties toProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        // No store uses the record cache (AccountTopology.addStores says why): reserve none for it.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
        props.put(BoundedMemoryRocksDBConfig.TOTAL_MEMORY_BYTES, Long.toString(rocksDbMemoryBytes));
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        // Changelog records carry the input position they reflect, so a store restored on another
        // instance knows how far it is and read-your-writes tokens keep working after a migration.
        props.put(StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, true);
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        // Under exactly-once a record is readable only when its transaction commits, and the
        // commit flushes the producer: lingering up to the commit interval fills larger batches
        // (fewer LZ4 batch set-ups) at no cost in latency. Under at-least-once records are readable
        // at once, so the linger stays short. Batches are bounded by batch.size and buffer.memory.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lingerMs());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), BATCH_SIZE_BYTES);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 1_000);
        props.putAll(overrides);
        return props;
    }
}
