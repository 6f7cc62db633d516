package com.alluse.streams.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A query load from a child JVM against a local server that takes at least {@link #SERVICE_MS} per answer. */
class QueryLoadProcessTest {
    private static final long SERVICE_MS = 20;

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
    void shouldBringBackTheChildsFiguresOfTheRequestsThisServerAnswered() throws Exception {
        QueryResult result = QueryLoadProcess.run(server.port(), 10, 2, Duration.ZERO, Duration.ofSeconds(1), 0, 7);

        assertThat(result.errors()).isEmpty();
        assertThat(result.clients()).isEqualTo(2);
        assertThat(result.requests()).isPositive().isLessThanOrEqualTo(server.answered());
        assertThat(result.statusCounts()).isEqualTo(Map.of(200, result.requests()));
        assertThat(result.latency().p50Micros()).isGreaterThanOrEqualTo(SERVICE_MS * 1_000);
    }
}
