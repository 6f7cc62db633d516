package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class PropertyMetricsFreeKafkaStreamsTest {
    private static final Map<String, String> STORE_TAGS = Map.of("rocksdb-state-id", "alluse-accounts");

    @Test
    void shouldLeaveOutEveryRocksDbPropertyMetricWithoutReadingAnyValue() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        for (String name : PropertyMetricsFreeKafkaStreams.ROCKSDB_PROPERTY_METRICS) {
            put(metrics, new MetricName(name, PropertyMetricsFreeKafkaStreams.STATE_STORE_GROUP, "", STORE_TAGS));
        }

        assertThat(PropertyMetricsFreeKafkaStreams.withoutRocksDbPropertyMetrics(metrics))
                .isEmpty();
    }

    @Test
    void shouldKeepOtherStateStoreMetricsAndSameNamedMetricsOfOtherGroups() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        MetricName putRate =
                new MetricName("put-rate", PropertyMetricsFreeKafkaStreams.STATE_STORE_GROUP, "", STORE_TAGS);
        MetricName sameNameOtherGroup = new MetricName("estimate-num-keys", "stream-thread-metrics", "", Map.of());
        MetricName lag = new MetricName("records-lag", "consumer-fetch-manager-metrics", "", Map.of());
        put(metrics, putRate);
        put(metrics, sameNameOtherGroup);
        put(metrics, lag);
        put(
                metrics,
                new MetricName("block-cache-usage", PropertyMetricsFreeKafkaStreams.STATE_STORE_GROUP, "", STORE_TAGS));

        assertThat(PropertyMetricsFreeKafkaStreams.withoutRocksDbPropertyMetrics(metrics))
                .containsOnlyKeys(putRate, sameNameOtherGroup, lag);
    }

    /** A metric whose value must never be read: reading a property metric is what crashes the JVM. */
    private static void put(Map<MetricName, Metric> metrics, MetricName name) {
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                throw new AssertionError("value of " + name + " read");
            }
        });
    }
}
