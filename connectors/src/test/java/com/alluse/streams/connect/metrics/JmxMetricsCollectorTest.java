package com.alluse.streams.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JmxMetricsCollectorTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();

    /** An MBean shaped as Kafka's JMX reporter's: every attribute declared double, values of any type. */
    private record KafkaLikeBean(Map<String, Object> values) implements DynamicMBean {
        @Override
        public Object getAttribute(String attribute) {
            return values.get(attribute);
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AttributeList getAttributes(String[] attributes) {
            AttributeList list = new AttributeList();
            for (String name : attributes) {
                list.add(new Attribute(name, values.get(name)));
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object invoke(String action, Object[] params, String[] signature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            MBeanAttributeInfo[] attributes = values.keySet().stream()
                    .map(name -> new MBeanAttributeInfo(name, "double", name, true, false, false))
                    .toArray(MBeanAttributeInfo[]::new);
            return new MBeanInfo(KafkaLikeBean.class.getName(), "test", attributes, null, null, null);
        }
    }

    private void register(String name, Map<String, Object> values) throws Exception {
        server.registerMBean(new KafkaLikeBean(new LinkedHashMap<>(values)), new ObjectName(name));
    }

    private static String text(MetricSnapshots snapshots) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldNameKafkaMetricsByGroupAndMetricWithTheBeansTagsAsLabels() throws Exception {
        register(
                "kafka.connect:type=connect-worker-metrics,connector=alluse-webhook",
                Map.of("connector-failed-task-count", 1.0, "connector-running-task-count", 0.0));
        register(
                "kafka.connect:type=sink-task-metrics,connector=alluse-webhook,task=0",
                Map.of("sink-record-read-total", 1234.0, "sink-record-read-rate", Double.NaN));

        String text = text(new JmxMetricsCollector(server, 100).collect());

        assertThat(text)
                .contains("kafka_connect_worker_connector_failed_task_count{connector=\"alluse-webhook\"} 1.0")
                .contains("kafka_connect_worker_connector_running_task_count{connector=\"alluse-webhook\"} 0.0")
                .containsPattern("# TYPE kafka_connect_sink_task_sink_record_read(_total)? counter")
                .contains(
                        "kafka_connect_sink_task_sink_record_read_total{connector=\"alluse-webhook\",task=\"0\"} 1234.0")
                .as("no sample yet (NaN) is left out")
                .doesNotContain("sink_record_read_rate");
    }

    @Test
    void shouldExportAStatusAsOneSeriesPerStateWhenTheMetricIsAString() throws Exception {
        register(
                "kafka.connect:type=connector-task-metrics,connector=alluse-webhook,task=0",
                Map.of("status", "failed", "connector-class", "com.example.Connector"));

        String text = text(new JmxMetricsCollector(server, 100).collect());

        assertThat(text)
                .contains(
                        "kafka_connect_connector_task_status{connector=\"alluse-webhook\",status=\"failed\",task=\"0\"} 1.0")
                .as("other strings are left out")
                .doesNotContain("connector_class");
    }

    @Test
    void shouldTurnTagNamesIntoLabelNamesAndUnquoteTheirValues() throws Exception {
        register(
                "kafka.consumer:type=consumer-fetch-manager-metrics,client-id=\"connector-consumer-a:b-0\"",
                Map.of("records-lag-max", 7.0));

        String text = text(new JmxMetricsCollector(server, 100).collect());

        assertThat(text)
                .contains("kafka_consumer_fetch_manager_records_lag_max{client_id=\"connector-consumer-a:b-0\"} 7.0");
    }

    @Test
    void shouldNameTheGroupOnceWhenItRepeatsTheClientKind() {
        assertThat(JmxMetricsCollector.prefix("kafka.consumer", "consumer-fetch-manager-metrics"))
                .isEqualTo("kafka_consumer_fetch_manager_");
        assertThat(JmxMetricsCollector.prefix("kafka.producer", "producer-metrics"))
                .isEqualTo("kafka_producer_");
        assertThat(JmxMetricsCollector.prefix("kafka.connect", "connect-worker-metrics"))
                .isEqualTo("kafka_connect_worker_");
        assertThat(JmxMetricsCollector.prefix("kafka.connect", "connector-task-metrics"))
                .isEqualTo("kafka_connect_connector_task_");
        assertThat(JmxMetricsCollector.prefix("kafka.connect", "app-info")).isEqualTo("kafka_connect_app_info_");
    }

    @Test
    void shouldLeaveOutBeansOfOtherDomains() throws Exception {
        register("kafka.streams:type=stream-metrics,client-id=x", Map.of("alive-stream-threads", 1.0));

        assertThat(text(new JmxMetricsCollector(server, 100).collect())).doesNotContain("alive");
    }

    @Test
    void shouldStopAtTheBoundWhenThereAreMoreSeries() throws Exception {
        for (int i = 0; i < 5; i++) {
            register(
                    "kafka.connect:type=connect-worker-metrics,connector=c" + i,
                    Map.of("connector-total-task-count", 1.0));
        }

        MetricSnapshots snapshots = new JmxMetricsCollector(server, 3).collect();

        assertThat(snapshots.stream().mapToInt(s -> s.getDataPoints().size()).sum())
                .isEqualTo(3);
    }
}
