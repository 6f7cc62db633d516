package com.alluse.streams.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.errors.InterruptException;

/** A point in monotonic time that every wait in this package is bounded by. */
final class Deadline {

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    static Deadline afterMs(long timeoutMs) {
        return after(Duration.ofMillis(timeoutMs));
    }

    long remainingMs() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    boolean isExpired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /** Sleeps {@code pauseMs}, or less if the deadline comes first. */
    void pause(long pauseMs) {
        try {
            Thread.sleep(Math.min(pauseMs, remainingMs()));
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }
}
