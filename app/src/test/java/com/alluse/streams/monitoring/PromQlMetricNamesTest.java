package com.alluse.streams.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {
    @Test
    void shouldFindSelectorsAndSkipFunctionsLabelsDurationsAndNumbers() {
        assertThat(
                        PromQlMetricNames.of(
                                "histogram_quantile(0.99, sum by (le, job) (rate(alluse_command_latency_seconds_bucket{job=~\"$job\"}[5m]))) > 0.05"))
                .containsExactly("alluse_command_latency_seconds_bucket");
        assertThat(
                        PromQlMetricNames.of(
                                "sum(rate(alluse_commands_total{outcome=\"REJECTED\"}[15m])) / sum(rate(alluse_commands_total[15m])) > 5e-4"))
                .containsExactly("alluse_commands_total");
        assertThat(
                        PromQlMetricNames.of(
                                "alluse_rocksdb_memory_usage_bytes / on (instance) group_left alluse_rocksdb_memory_bound_bytes > 0.9"))
                .containsExactly("alluse_rocksdb_memory_bound_bytes", "alluse_rocksdb_memory_usage_bytes");
        assertThat(PromQlMetricNames.of(
                        "up{job=\"alluse\"} == 0 or max without (instance) (alluse_streams_running) == bool 0"))
                .containsExactly("alluse_streams_running", "up");
    }

    @Test
    void shouldHandleOffsetsSubqueriesGrafanaVariablesAndLabelValues() {
        assertThat(PromQlMetricNames.of(
                        "deriv(sum(kafka_consumer_fetch_manager_records_lag{client_id!~\".*restore.*\"})[10m:1m]) > 0"
                                + " unless kafka_stream_alive_stream_threads offset 1h"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag", "kafka_stream_alive_stream_threads");
        assertThat(PromQlMetricNames.of(
                        "sum by (type) (alluse_aum_cents{instance=~\"$instance\"}) / 100 and on() vector(1)"))
                .containsExactly("alluse_aum_cents");
        assertThat(PromQlMetricNames.of("rate(kafka_stream_thread_process_total[$__rate_interval])"))
                .containsExactly("kafka_stream_thread_process_total");
        assertThat(PromQlMetricNames.of("label_values(alluse_streams_running, instance)"))
                .containsExactly("alluse_streams_running");
        assertThat(PromQlMetricNames.of("count({__name__=\"alluse_forks_total\"})"))
                .containsExactly("alluse_forks_total");
    }

    @Test
    void shouldReadSampleNamesOfATextExposition() {
        String scrape = """
                # HELP alluse_commands_total Commands
                # TYPE alluse_commands_total counter
                alluse_commands_total{kind="DEPOSIT",outcome="ACCEPTED"} 3.0
                alluse_streams_running 1.0
                """;
        assertThat(PromQlMetricNames.exposed(scrape))
                .containsExactly("alluse_commands_total", "alluse_streams_running");
    }
}
