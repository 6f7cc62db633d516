package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThroughputRecoveryTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Ten results a second on partition 0, offsets counting up, from {@code fromNanos} for {@code count} results. */
    private static void tenPerSecond(
            List<ThroughputRecovery.Arrival> arrivals, long fromNanos, int count, long offset) {
        for (int i = 0; i < count; i++) {
            arrivals.add(new ThroughputRecovery.Arrival(fromNanos + i * 100 * MS, 0, offset + i));
        }
    }

    @Test
    void shouldMeasureTheGapToTheFirstNewResultAndToTheBaselineRate() {
        List<ThroughputRecovery.Arrival> arrivals = new ArrayList<>();
        tenPerSecond(arrivals, 0, 50, 0); // 0..4.9 s: offsets 0..49
        long fault = 5 * SECOND;
        // A stall of 3 s, then a late result of an old command, then new ones at the old rate.
        arrivals.add(new ThroughputRecovery.Arrival(fault + 2_000 * MS, 0, 49));
        tenPerSecond(arrivals, fault + 3_000 * MS, 30, 60);

        ThroughputRecovery recovery =
                ThroughputRecovery.of(arrivals, fault, new long[] {55}, Duration.ofSeconds(5), fault + 10 * SECOND);

        assertThat(recovery.baselinePerSecond()).isEqualTo(10.0);
        assertThat(recovery.firstNewResult()).hasValue(Duration.ofMillis(3_000));
        // 9 results (90% of 10) are in the window from 3.0 s once it spans them: [3.0, 4.0) holds 10.
        assertThat(recovery.rateRecovered()).hasValue(Duration.ofMillis(4_000));
    }

    @Test
    void shouldReportNoRecoveryWhenTheRateStaysBelowTheBaseline() {
        List<ThroughputRecovery.Arrival> arrivals = new ArrayList<>();
        tenPerSecond(arrivals, 0, 50, 0);
        long fault = 5 * SECOND;
        arrivals.add(new ThroughputRecovery.Arrival(fault + 1_000 * MS, 0, 60));
        arrivals.add(new ThroughputRecovery.Arrival(fault + 1_500 * MS, 0, 61));

        ThroughputRecovery recovery =
                ThroughputRecovery.of(arrivals, fault, new long[] {50}, Duration.ofSeconds(5), fault + 10 * SECOND);

        assertThat(recovery.firstNewResult()).hasValue(Duration.ofMillis(1_000));
        assertThat(recovery.rateRecovered()).isEmpty();
        assertThat(recovery.describe()).contains("not within the observation");
    }
}
