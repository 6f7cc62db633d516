package com.alluse.streams.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/** Events per second since a start instant, in a fixed number of one-second buckets (later ones are dropped). */
final class PerSecondCounter {
    static final int MAX_SECONDS = 3_600;

    private final long startNanos;
    private final AtomicLongArray buckets = new AtomicLongArray(MAX_SECONDS);
    private volatile int lastSecond = -1;

    PerSecondCounter(long startNanos) {
        this.startNanos = startNanos;
    }

    void add(long nowNanos, long count) {
        int second = (int) Math.min(MAX_SECONDS, Math.max(0, (nowNanos - startNanos) / 1_000_000_000L));
        if (second < MAX_SECONDS) {
            buckets.addAndGet(second, count);
            if (second > lastSecond) {
                lastSecond = second;
            }
        }
    }

    /** Counts of every second up to the last one that saw an event. */
    List<Long> perSecond() {
        List<Long> counts = new ArrayList<>();
        for (int second = 0; second <= lastSecond; second++) {
            counts.add(buckets.get(second));
        }
        return counts;
    }

    /**
     * The median of the full seconds between the first and the last busy second: the steady
     * rate, free of the ramp-up and the drain at either end.
     */
    static double steadyRate(List<Long> perSecond) {
        int first = 0;
        while (first < perSecond.size() && perSecond.get(first) == 0) {
            first++;
        }
        int last = perSecond.size() - 1;
        while (last > first && perSecond.get(last) == 0) {
            last--;
        }
        // Drop the partial first and last seconds when there is enough in between.
        if (last - first >= 3) {
            first++;
            last--;
        }
        if (last < first) {
            return 0;
        }
        long[] values = perSecond.subList(first, last + 1).stream()
                .mapToLong(Long::longValue)
                .toArray();
        Arrays.sort(values);
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2.0;
    }
}
