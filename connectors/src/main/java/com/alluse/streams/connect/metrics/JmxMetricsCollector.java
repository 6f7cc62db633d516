package com.alluse.streams.connect.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Kafka's metrics as the JMX reporter publishes them (Connect's {@code kafka.connect}, and the
 * {@code kafka.consumer} / {@code kafka.producer} clients of its tasks), read at each scrape and
 * named the way Micrometer's Kafka binder names client metrics: {@code kafka_<kind>_<group without
 * "-metrics">_<metric>} (see {@link #prefix}), the MBean's tags as labels, e.g. {@code
 * kafka_connect_worker_connector_failed_task_count{connector="..."}}. Metrics named {@code *-total}
 * are counters; a {@code status} metric (a connector's or a task's state, a string) becomes {@code
 * <name>_status{status="running"} 1}. Other string metrics (versions, class names) are left out.
 * At most {@code maxSeries} series per scrape, so a runaway of MBeans cannot swamp Prometheus.
 */
final class JmxMetricsCollector implements MultiCollector {
    static final List<String> DOMAINS = List.of("kafka.connect", "kafka.consumer", "kafka.producer");
    private static final String STATUS = "status";
    private static final String TOTAL_SUFFIX = "-total";

    private final MBeanServer server;
    private final int maxSeries;

    JmxMetricsCollector(MBeanServer server, int maxSeries) {
        if (maxSeries < 1) {
            throw new IllegalArgumentException("maxSeries must be at least 1, not " + maxSeries);
        }
        this.server = server;
        this.maxSeries = maxSeries;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families(maxSeries);
        for (String domain : DOMAINS) {
            for (ObjectName bean : beans(domain)) {
                collect(bean, families);
            }
        }
        return families.snapshots();
    }

    private Set<ObjectName> beans(String domain) {
        try {
            return new TreeSet<>(server.queryNames(new ObjectName(domain + ":*"), null));
        } catch (JMException e) {
            throw new IllegalStateException("bad JMX pattern for domain " + domain, e);
        }
    }

    private void collect(ObjectName bean, Families families) {
        String type = bean.getKeyProperty("type");
        if (type == null) {
            return;
        }
        List<Attribute> attributes;
        try {
            MBeanAttributeInfo[] infos = server.getMBeanInfo(bean).getAttributes();
            String[] names = new String[infos.length];
            for (int i = 0; i < infos.length; i++) {
                names[i] = infos[i].getName();
            }
            attributes = server.getAttributes(bean, names).asList();
        } catch (JMException e) {
            return; // the MBean went away between the query and the read (a task stopped)
        }
        Labels labels = labels(bean);
        String prefix = prefix(bean.getDomain(), type);
        for (Attribute attribute : attributes) {
            String metric = attribute.getName();
            if (attribute.getValue() instanceof Number number) {
                double value = number.doubleValue();
                if (Double.isNaN(value) || Double.isInfinite(value)) {
                    continue; // Kafka's "no sample yet"
                }
                if (metric.endsWith(TOTAL_SUFFIX)) {
                    String name = prefix + metric.substring(0, metric.length() - TOTAL_SUFFIX.length());
                    families.counter(name(name), labels, value);
                } else {
                    families.gauge(name(prefix + metric), labels, value);
                }
            } else if (STATUS.equals(metric) && attribute.getValue() instanceof String status) {
                families.gauge(name(prefix + metric), labels.add(STATUS, status.toLowerCase(Locale.ROOT)), 1);
            }
        }
    }

    /**
     * {@code kafka_<client kind>_<group>_}, the group without "-metrics" and without the kind it
     * repeats: consumer-fetch-manager-metrics -> kafka_consumer_fetch_manager_ (Micrometer's name),
     * connect-worker-metrics -> kafka_connect_worker_, sink-task-metrics -> kafka_connect_sink_task_.
     */
    static String prefix(String domain, String type) {
        String kind = domain.substring(domain.indexOf('.') + 1);
        String group = type.replaceFirst("-metrics$", "");
        if (group.equals(kind)) {
            return "kafka_" + kind + "_";
        }
        String prefix = group.startsWith(kind + "-") ? "kafka_" + group : "kafka_" + kind + "_" + group;
        return prefix.replace('-', '_') + "_";
    }

    private static String name(String raw) {
        return PrometheusNaming.sanitizeMetricName(raw.replace('-', '_').replace('.', '_'));
    }

    private static Labels labels(ObjectName bean) {
        Map<String, String> sorted = new TreeMap<>();
        bean.getKeyPropertyList().forEach((key, value) -> {
            if (!"type".equals(key)) {
                String unquoted = value.startsWith("\"") ? ObjectName.unquote(value) : value;
                sorted.put(PrometheusNaming.sanitizeLabelName(key.replace('-', '_')), unquoted);
            }
        });
        Labels.Builder labels = Labels.builder();
        sorted.forEach(labels::label);
        return labels.build();
    }

    /** The series of one scrape by metric name; a name seen with another type, or a series seen twice, is left out. */
    private static final class Families {
        private final Map<String, Boolean> counterByName = new TreeMap<>();
        private final Map<String, List<GaugeDataPointSnapshot>> gauges = new TreeMap<>();
        private final Map<String, List<CounterDataPointSnapshot>> counters = new TreeMap<>();
        private final Set<String> series = new HashSet<>();
        private final int maxSeries;

        Families(int maxSeries) {
            this.maxSeries = maxSeries;
        }

        void gauge(String name, Labels labels, double value) {
            if (admit(name, false, labels)) {
                gauges.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(GaugeDataPointSnapshot.builder()
                                .labels(labels)
                                .value(value)
                                .build());
            }
        }

        void counter(String name, Labels labels, double value) {
            if (admit(name, true, labels)) {
                counters.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(CounterDataPointSnapshot.builder()
                                .labels(labels)
                                .value(value)
                                .build());
            }
        }

        private boolean admit(String name, boolean counter, Labels labels) {
            return series.size() < maxSeries
                    && counterByName.computeIfAbsent(name, n -> counter) == counter
                    && series.add(name + labels);
        }

        MetricSnapshots snapshots() {
            List<MetricSnapshot> snapshots = new ArrayList<>();
            gauges.forEach((name, points) -> snapshots.add(new GaugeSnapshot(new MetricMetadata(name), points)));
            counters.forEach((name, points) -> snapshots.add(new CounterSnapshot(new MetricMetadata(name), points)));
            return new MetricSnapshots(snapshots);
        }
    }
}
