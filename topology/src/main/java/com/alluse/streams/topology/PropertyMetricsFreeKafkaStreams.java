package com.alluse.streams.topology;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Kafka Streams whose {@link #metrics()} leaves out the RocksDB property metrics (KIP-607). Reading
 * one calls into the store's native RocksDB with no guard against the stream thread closing that
 * store (KAFKA-10025; apache/kafka PR 22717, open): the read then uses a freed handle and the JVM
 * aborts ("pthread lock: Invalid argument"). Denying their meters is not enough: Micrometer's Kafka
 * binder (1.17) reads {@code metricValue()} of every metric it is offered each time the set of
 * metrics changes, to skip non-numeric ones, and the set changes exactly when a thread dies or tasks
 * move, as stores close. So the binder, and every other reader, is never offered them.
 */
final class PropertyMetricsFreeKafkaStreams extends KafkaStreams {
    static final String STATE_STORE_GROUP = "stream-state-metrics";

    /** The 22 property metrics of Kafka Streams 4.3's RocksDBMetrics, by their Kafka names. */
    static final Set<String> ROCKSDB_PROPERTY_METRICS = Set.of(
            "num-entries-active-mem-table",
            "num-deletes-active-mem-table",
            "num-entries-imm-mem-tables",
            "num-deletes-imm-mem-tables",
            "num-immutable-mem-table",
            "cur-size-active-mem-table",
            "cur-size-all-mem-tables",
            "size-all-mem-tables",
            "mem-table-flush-pending",
            "num-running-flushes",
            "compaction-pending",
            "num-running-compactions",
            "estimate-pending-compaction-bytes",
            "total-sst-files-size",
            "live-sst-files-size",
            "num-live-versions",
            "block-cache-capacity",
            "block-cache-usage",
            "block-cache-pinned-usage",
            "estimate-num-keys",
            "estimate-table-readers-mem",
            "background-errors");

    PropertyMetricsFreeKafkaStreams(Topology topology, Properties properties) {
        super(topology, properties);
    }

    @Override
    public Map<MetricName, Metric> metrics() {
        return withoutRocksDbPropertyMetrics(super.metrics());
    }

    /** Chooses by name alone: no metric's value is read. */
    static Map<MetricName, Metric> withoutRocksDbPropertyMetrics(Map<MetricName, ? extends Metric> metrics) {
        return metrics.entrySet().stream()
                .filter(entry -> !isRocksDbPropertyMetric(entry.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static boolean isRocksDbPropertyMetric(MetricName name) {
        return STATE_STORE_GROUP.equals(name.group()) && ROCKSDB_PROPERTY_METRICS.contains(name.name());
    }
}
