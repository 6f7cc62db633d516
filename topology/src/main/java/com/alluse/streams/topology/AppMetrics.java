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
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The technical meters of an instance: JVM and process, the Kafka Streams / consumer / producer
 * metrics of the client (through Micrometer's Kafka binder; {@link PropertyMetricsFreeKafkaStreams}
 * offers it no RocksDB property metric), the shared RocksDB memory against its bound (that cache is
 * never closed), and stream-thread replacements.
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

    private AppMetrics() {}

    /** A Prometheus registry with the JVM and process meters bound. */
    public static PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return registry;
    }

    static void bind(MeterRegistry registry, PropertyMetricsFreeKafkaStreams streams, AccountStreamsApp app) {
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
