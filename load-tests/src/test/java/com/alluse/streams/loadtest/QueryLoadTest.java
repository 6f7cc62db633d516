package com.alluse.streams.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a local server that takes at least {@link #SERVICE_MS} per answer. Only lower bounds
 * that follow from that are asserted (never a speed of the code under test).
 */
class QueryLoadTest {
    private static final long SERVICE_MS = 40;

    private SlowAccountServer server;

    @BeforeEach
    void setUp() throws IOException {
        server = new SlowAccountServer(SERVICE_MS);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void shouldCountOpenLoopLatencyFromWhenEachRequestWasDueSoAHeldBackClientShowsTheDelay() throws Exception {
        // One client, a request due every 20 ms, each answered in >= 40 ms: request k (k = 0..49)
        // starts at >= 40k ms but was due at 20k ms, so its latency is >= 20k ms.
        long dueEveryMs = 20;
        QueryResult open = load(1_000.0 / dueEveryMs).run(1);

        assertThat(open.openLoop()).isTrue();
        assertThat(open.errors()).isEmpty();
        assertThat(open.requests())
                .as("every request due in the measured second is answered")
                .isEqualTo(50);
        assertThat(open.latency().maxMicros()).isGreaterThanOrEqualTo(49 * (SERVICE_MS - dueEveryMs) * 1_000);
    }

    @Test
    void shouldCountClosedLoopLatencyFromTheSend() throws Exception {
        QueryResult closed = load(0).run(1);

        assertThat(closed.openLoop()).isFalse();
        assertThat(closed.errors()).isEmpty();
        assertThat(closed.requests()).isPositive();
        assertThat(closed.latency().p50Micros()).isGreaterThanOrEqualTo(SERVICE_MS * 1_000);
    }

    private QueryLoad load(double ratePerSecond) {
        return new QueryLoad(server.port(), 10, 1, Duration.ZERO, Duration.ofSeconds(1), ratePerSecond);
    }
}
