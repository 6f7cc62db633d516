package com.alluse.streams.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.InterruptException;

/** A point in monotonic time that a bounded wait (topic readiness, broker start) is bounded by. */
public final class Deadline {

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    public static Deadline afterMs(long timeoutMs) {
        return after(Duration.ofMillis(timeoutMs));
    }

    public long remainingMs() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    public boolean isExpired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    /** Sleeps {@code pauseMs}, or less if the deadline comes first. */
    public void pause(long pauseMs) {
        try {
            Thread.sleep(Math.min(pauseMs, remainingMs()));
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }
}
