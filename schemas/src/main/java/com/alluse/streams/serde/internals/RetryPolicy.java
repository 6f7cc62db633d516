package com.alluse.streams.serde.internals;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with exponential backoff and jitter (jitter keeps many stream threads from
 * retrying a recovering registry in lockstep).
 *
 * @param maxRetries retries after the first attempt
 * @param backoffMs backoff before the first retry
 * @param maxBackoffMs the largest backoff
 */
public record RetryPolicy(int maxRetries, long backoffMs, long maxBackoffMs) {
    public RetryPolicy {
        if (maxRetries < 0 || backoffMs < 0 || maxBackoffMs < backoffMs) {
            throw new IllegalArgumentException(
                    "invalid retry policy: " + maxRetries + " retries, " + backoffMs + ".." + maxBackoffMs + " ms");
        }
    }

    /** Backoff before retry number {@code retry} (1-based): between half and all of the exponential value. */
    public long backoffMs(int retry) {
        long exponential = backoffMs * (1L << Math.min(Math.max(retry - 1, 0), 20));
        long capped = Math.min(maxBackoffMs, exponential);
        long half = capped / 2;
        return half + ThreadLocalRandom.current().nextLong(capped - half + 1);
    }
}
