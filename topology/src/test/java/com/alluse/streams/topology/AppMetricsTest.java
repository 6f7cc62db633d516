package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AppMetricsTest {
    private static final String STORE_TAG = "rocksdb.state.id";

    @Test
    void shouldDenyEveryRocksDbPropertyMetricAsTheKafkaBinderNamesIt() {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(AppMetrics.withoutRocksDbPropertyMetrics());
        for (String kafkaName : AppMetrics.ROCKSDB_PROPERTY_METRICS) {
            register(registry, "kafka.stream.state." + kafkaName.replace('-', '.'));
        }

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void shouldKeepTheOtherStateAndStateUpdaterMetrics() {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(AppMetrics.withoutRocksDbPropertyMetrics());
        register(registry, "kafka.stream.state.put.rate");
        register(registry, "kafka.stream.state.updater.active.restoring.tasks");
        register(registry, "kafka.stream.thread.process.rate");

        assertThat(registry.getMeters())
                .extracting(meter -> meter.getId().getName())
                .containsExactlyInAnyOrder(
                        "kafka.stream.state.put.rate",
                        "kafka.stream.state.updater.active.restoring.tasks",
                        "kafka.stream.thread.process.rate");
    }

    private static void register(MeterRegistry registry, String name) {
        Gauge.builder(name, () -> 1.0).tag(STORE_TAG, "store").register(registry);
    }
}
