package com.alluse.streams.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller key: {@link HttpSettings.RateLimit#burst()} requests at once, refilled at
 * {@link HttpSettings.RateLimit#requestsPerSecond()}. At most {@link HttpSettings.RateLimit#maxTrackedKeys()}
 * buckets are kept; the least recently used one is dropped beyond that (its caller starts full again).
 */
final class RateLimiter {
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final HttpSettings.RateLimit limit;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    RateLimiter(HttpSettings.RateLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > limit.maxTrackedKeys();
            }
        };
    }

    /**
     * Takes one request from the key's bucket.
     *
     * @return empty if the request may go on, else the whole seconds until the bucket holds one again (at least 1)
     */
    synchronized OptionalLong acquire(String key) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        bucket.refill(now, limit);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return OptionalLong.empty();
        }
        double secondsToOne = (1 - bucket.tokens) / limit.requestsPerSecond();
        return OptionalLong.of(Math.max(1, (long) Math.ceil(secondsToOne)));
    }

    synchronized int trackedKeys() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long lastRefillNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastRefillNanos = nowNanos;
        }

        void refill(long nowNanos, HttpSettings.RateLimit limit) {
            double elapsedSeconds = (nowNanos - lastRefillNanos) / NANOS_PER_SECOND;
            tokens = Math.min(limit.burst(), tokens + elapsedSeconds * limit.requestsPerSecond());
            lastRefillNanos = nowNanos;
        }
    }
}
