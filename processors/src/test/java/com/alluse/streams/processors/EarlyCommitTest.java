package com.alluse.streams.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EarlyCommitTest {
    private static final long NOW_MS = 1_000_000L;

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final EarlyCommit earlyCommit = new EarlyCommit(20, 100, EarlyCommit.lastRequestPerThread());

    @BeforeEach
    void setUp() {
        context.setCurrentSystemTimeMs(NOW_MS);
    }

    @Test
    void shouldRequestACommitAfterAFreshRecord() {
        earlyCommit.afterRecord(context, NOW_MS - 3);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void shouldLeaveARecordOlderThanTheCommitIntervalToTheInterval() {
        earlyCommit.afterRecord(context, NOW_MS - 101);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void shouldRequestAtMostOneCommitPerGapOnAThread() {
        earlyCommit.afterRecord(context, NOW_MS);
        context.resetCommit();

        context.setCurrentSystemTimeMs(NOW_MS + 19);
        earlyCommit.afterRecord(context, NOW_MS + 19);
        assertThat(context.committed()).isFalse();

        context.setCurrentSystemTimeMs(NOW_MS + 20);
        earlyCommit.afterRecord(context, NOW_MS + 20);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void shouldShareTheGapBetweenTheTasksOfAThread() {
        ThreadLocal<long[]> thread = EarlyCommit.lastRequestPerThread();
        MockProcessorContext<Object, Object> otherTask = new MockProcessorContext<>();
        otherTask.setCurrentSystemTimeMs(NOW_MS + 5);

        new EarlyCommit(20, 100, thread).afterRecord(context, NOW_MS);
        new EarlyCommit(20, 100, thread).afterRecord(otherTask, NOW_MS + 5);

        assertThat(context.committed()).isTrue();
        assertThat(otherTask.committed()).isFalse();
    }

    @Test
    void shouldKeepRequestingAfterTheWallClockIsSetBack() {
        earlyCommit.afterRecord(context, NOW_MS);
        MockProcessorContext<Object, Object> setBack = new MockProcessorContext<>();
        setBack.setCurrentSystemTimeMs(NOW_MS - 60_000);

        earlyCommit.afterRecord(setBack, NOW_MS - 60_000);

        assertThat(setBack.committed()).isTrue();
    }

    @Test
    void shouldRequestNothingWithAGapOfZero() {
        new EarlyCommit(0, 100, EarlyCommit.lastRequestPerThread()).afterRecord(context, NOW_MS);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void shouldRequestCommitsUnderExactlyOnceWithKafkaStreamsDefaultInterval() {
        EarlyCommit configured =
                EarlyCommit.of(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2));

        configured.afterRecord(context, NOW_MS - 99);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void shouldRequestNothingUnderAtLeastOnce() {
        EarlyCommit configured =
                EarlyCommit.of(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));

        configured.afterRecord(context, NOW_MS);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void shouldRequestNothingWhenTheGapIsAsLongAsTheCommitInterval() {
        EarlyCommit configured = EarlyCommit.of(Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                StreamsConfig.EXACTLY_ONCE_V2,
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                20,
                EarlyCommit.GAP_MS_CONFIG,
                "20"));

        configured.afterRecord(context, NOW_MS);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void shouldRefuseAGapThatIsNotANumber() {
        assertThatThrownBy(() -> EarlyCommit.of(Map.of(
                        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                        StreamsConfig.EXACTLY_ONCE_V2,
                        EarlyCommit.GAP_MS_CONFIG,
                        "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(EarlyCommit.GAP_MS_CONFIG);
    }

    @Test
    void shouldRefuseANegativeGap() {
        assertThatThrownBy(() -> EarlyCommit.of(Map.of(
                        StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                        StreamsConfig.EXACTLY_ONCE_V2,
                        EarlyCommit.GAP_MS_CONFIG,
                        "-5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(EarlyCommit.GAP_MS_CONFIG);
    }
}
