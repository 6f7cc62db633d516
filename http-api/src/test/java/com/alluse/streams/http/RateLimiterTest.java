package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong();

    private RateLimiter limiter(double perSecond, int burst, int maxKeys) {
        return new RateLimiter(new HttpSettings.RateLimit(perSecond, burst, maxKeys), nanos::get);
    }

    @Test
    void shouldLetABurstThroughThenAnswerWithTheSecondsUntilTheNextRequest() {
        RateLimiter limiter = limiter(0.5, 3, 10);

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).as("request %d", i).isEmpty();
        }
        assertThat(limiter.acquire("a")).hasValue(2);
    }

    @Test
    void shouldRefillAtTheRateUpToTheBurst() {
        RateLimiter limiter = limiter(10, 2, 10);
        limiter.acquire("a");
        limiter.acquire("a");

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(limiter.acquire("a")).as("one refilled").isEmpty();
        assertThat(limiter.acquire("a")).as("only one").hasValue(1);

        nanos.addAndGet(TimeUnit.HOURS.toNanos(1));
        assertThat(limiter.acquire("a")).isEmpty();
        assertThat(limiter.acquire("a")).isEmpty();
        assertThat(limiter.acquire("a")).as("refill capped at the burst").isPresent();
    }

    @Test
    void shouldLimitEachKeyOnItsOwn() {
        RateLimiter limiter = limiter(1, 1, 10);

        assertThat(limiter.acquire("a")).isEmpty();
        assertThat(limiter.acquire("a")).isPresent();
        assertThat(limiter.acquire("b")).isEmpty();
    }

    @Test
    void shouldTrackAtMostTheBoundOfKeysDroppingTheLeastRecentlyUsed() {
        RateLimiter limiter = limiter(1, 1, 2);
        limiter.acquire("a");
        limiter.acquire("b");
        limiter.acquire("a"); // refused, but touches a
        limiter.acquire("c"); // evicts b

        assertThat(limiter.trackedKeys()).isEqualTo(2);
        assertThat(limiter.acquire("a")).as("a is still tracked and empty").isPresent();
        assertThat(limiter.acquire("b")).as("b starts full again").isEmpty();
    }
}
