package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
    private static final String LINGER = StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG);

    private static StreamsSettings settings(String guarantee, long commitIntervalMs, Map<String, String> overrides) {
        return new StreamsSettings(
                "app",
                "127.0.0.1:9092",
                Path.of("state"),
                1,
                0,
                guarantee,
                commitIntervalMs,
                64L * 1024 * 1024,
                (short) 1,
                null,
                overrides);
    }

    @Test
    void shouldLingerForTheCommitIntervalUnderExactlyOnceBecauseTheCommitFlushesAnyway() {
        Properties props =
                settings(StreamsConfig.EXACTLY_ONCE_V2, 100, Map.of()).toProperties();

        assertThat(props.get(LINGER)).isEqualTo(100L);
        assertThat(props.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG)))
                .isEqualTo(StreamsSettings.BATCH_SIZE_BYTES);
    }

    @Test
    void shouldBoundTheLingerOfALongCommitIntervalWithinTheDeliveryTimeout() {
        Properties props =
                settings(StreamsConfig.EXACTLY_ONCE_V2, 30_000, Map.of()).toProperties();

        assertThat(props.get(LINGER)).isEqualTo(StreamsSettings.MAX_LINGER_MS);
    }

    @Test
    void shouldLingerBrieflyUnderAtLeastOnceWhereRecordsAreReadableAtOnce() {
        Properties props = settings(StreamsConfig.AT_LEAST_ONCE, 100, Map.of()).toProperties();

        assertThat(props.get(LINGER)).isEqualTo(StreamsSettings.AT_LEAST_ONCE_LINGER_MS);
    }

    @Test
    void shouldKeepTaskIdlingSoACloseWaitsForCommandsAlreadyOnTheBroker() {
        // docs/architecture.md, "Waiting for the calendar partition": -1 would drop the timestamp order a replay relies
        // on.
        Properties props =
                settings(StreamsConfig.EXACTLY_ONCE_V2, 100, Map.of()).toProperties();

        assertThat(new StreamsConfig(props).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isZero();
    }

    @Test
    void shouldReserveNoRecordCacheBecauseNoStoreUsesIt() {
        Properties props =
                settings(StreamsConfig.EXACTLY_ONCE_V2, 100, Map.of()).toProperties();

        assertThat(props.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(0);
    }

    @Test
    void shouldApplyOverridesLast() {
        Properties props = settings(StreamsConfig.EXACTLY_ONCE_V2, 100, Map.of(LINGER, "7"))
                .toProperties();

        assertThat(props.get(LINGER)).isEqualTo("7");
    }

    @Test
    void shouldRefuseACommitIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> settings(StreamsConfig.EXACTLY_ONCE_V2, 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commitIntervalMs");
    }
}
