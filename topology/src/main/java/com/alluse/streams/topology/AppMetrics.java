package com.alluse.streams.topology;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The technical meters of an instance: JVM and process, the Kafka Streams / consumer / producer
 * metrics of the client (through Micrometer's Kafka binder) but the RocksDB property metrics, the
 * shared RocksDB memory against its bound, and stream-thread replacements.
 */
public final class AppMetrics {
    /**
     * How often the Kafka binder looks for client metrics that appeared or went away (Micrometer's
     * default is 60 s). A replaced stream thread has new clients: until the next look its new
     * consumer is not exported and the dead one's meters read 0 connections and a frozen lag, so
     * a crash loop looked like a broker outage (found by AlertCampaignIT). Much shorter than
     * every {@code for:} of the alert rules.
     */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(1);

    /**
     * Kafka Streams' RocksDB property metrics (KIP-607): reading one calls into the store's native
     * RocksDB, with no guard against the stream thread closing that store (KAFKA-10025; apache/kafka
     * PR 22717, open). A scrape during a rebalance or a thread replacement then uses a freed handle:
     * the campaign's instance aborted ("pthread lock: Invalid argument") as its 5th replaced thread
     * closed its stores. They are not exported; the shared cache's usage and bound are (that cache
     * is never closed).
     */
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

    private static final String STATE_METER_PREFIX = "kafka.stream.state.";

    private AppMetrics() {}

    /** Denies the binder's meters of {@link #ROCKSDB_PROPERTY_METRICS}: they must never be read. */
    static MeterFilter withoutRocksDbPropertyMetrics() {
        return MeterFilter.deny(id -> id.getName().startsWith(STATE_METER_PREFIX)
                && ROCKSDB_PROPERTY_METRICS.contains(
                        id.getName().substring(STATE_METER_PREFIX.length()).replace('.', '-')));
    }

    /**
     * A Prometheus registry with the JVM and process meters bound. It denies the RocksDB property
     * metrics from the start: it is the registry that is scraped, and Micrometer applies a filter
     * only to meters registered after it.
     */
    public static PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(withoutRocksDbPropertyMetrics());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return registry;
    }

    static void bind(MeterRegistry registry, KafkaStreams streams, AccountStreamsApp app) {
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "alluse-kafka-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
        new KafkaStreamsMetrics(streams, List.of(), refresher, KAFKA_METRICS_REFRESH).bindTo(registry);
        Gauge.builder("alluse.rocksdb.memory.usage.bytes", BoundedMemoryRocksDBConfig::usageBytes)
                .description("Bytes in the shared RocksDB cache, memtables included")
                .register(registry);
        Gauge.builder("alluse.rocksdb.memory.bound.bytes", () -> BoundedMemoryRocksDBConfig.boundBytes())
                .description("The configured bound on RocksDB memory")
                .register(registry);
        FunctionCounter.builder("alluse.stream.thread.replacements", app, AccountStreamsApp::threadReplacements)
                .description("Stream threads that died and were replaced")
                .register(registry);
        Gauge.builder("alluse.streams.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 when every task of this instance is running")
                .register(registry);
    }
}
