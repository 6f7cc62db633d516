package com.alluse.streams.connect.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * Adds {@code GET /metrics} to Connect's own REST server: the worker's JVM meters (Micrometer, as
 * the stream instances have them) and every Kafka metric of the worker, its connectors and their
 * tasks ({@link JmxMetricsCollector}), in Prometheus' text format. Enabled by {@code
 * rest.extension.classes}, which {@code alluse connect} sets; any Connect worker with this jar on
 * its class path can load it.
 */
public final class ConnectMetricsExtension implements ConnectRestExtension {
    /** Bound of the series of one scrape. */
    public static final String MAX_SERIES = "alluse.metrics.max.series";

    private static final int DEFAULT_MAX_SERIES = 20_000;

    private int maxSeries = DEFAULT_MAX_SERIES;
    private PrometheusMeterRegistry registry;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(MAX_SERIES);
        if (configured != null) {
            maxSeries = Integer.parseInt(configured.toString().trim());
        }
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        PrometheusRegistry prometheus = new PrometheusRegistry();
        prometheus.register(new JmxMetricsCollector(ManagementFactory.getPlatformMBeanServer(), maxSeries));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, prometheus, Clock.SYSTEM);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        context.configurable().register(new MetricsResource(registry));
    }

    @Override
    public String version() {
        return AppInfoParser.getVersion();
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
