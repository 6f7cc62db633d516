package com.alluse.streams.processors;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams to commit right after a record when the task keeps up with its input, instead of at the next
 * commit interval. Under exactly-once a result is readable only once its transaction commits, so on a quiet instance
 * a command's result waited up to a whole interval for the commit (BENCHMARKS.md: 128 ms per HTTP submission at
 * 100 ms). A record older than one commit interval means the task is behind: then the interval commits, so under load
 * the commits stay as few as the interval makes them (docs/architecture.md, "When a transaction commits").
 *
 * <p>At most one request per {@link #GAP_MS_CONFIG} on each stream thread: under exactly-once v2 a thread commits all
 * its tasks in one transaction, so one request serves them all. Under at-least-once records are readable as soon as
 * they are written and a commit moves only the offsets: no request.
 */
public final class EarlyCommit {
    /** Least time between two requested commits of one stream thread; 0 turns early commits off. */
    public static final String GAP_MS_CONFIG = "alluse.early.commit.gap.ms";

    public static final long DEFAULT_GAP_MS = 20;
    /** Kafka Streams' own default under exactly-once. */
    private static final long DEFAULT_EXACTLY_ONCE_COMMIT_INTERVAL_MS = 100;

    private static final long NEVER = Long.MIN_VALUE;
    /** When each stream thread last requested a commit: one transaction per thread. */
    private static final ThreadLocal<long[]> THREAD_LAST_REQUEST_MS = lastRequestPerThread();

    private final long gapMs;
    private final long maxRecordAgeMs;
    private final ThreadLocal<long[]> lastRequestMs;

    /**
     * @param gapMs least time between two requests of one thread; 0 for none
     * @param maxRecordAgeMs a record older than this is behind, and the interval commits it
     * @param lastRequestMs when each thread last requested a commit, shared by the tasks each thread runs
     */
    EarlyCommit(long gapMs, long maxRecordAgeMs, ThreadLocal<long[]> lastRequestMs) {
        if (gapMs < 0 || maxRecordAgeMs < 0) {
            throw new IllegalArgumentException(
                    "early commit needs a gap and an age >= 0, got " + gapMs + " and " + maxRecordAgeMs + " ms");
        }
        this.gapMs = gapMs;
        this.maxRecordAgeMs = maxRecordAgeMs;
        this.lastRequestMs = lastRequestMs;
    }

    static ThreadLocal<long[]> lastRequestPerThread() {
        return ThreadLocal.withInitial(() -> new long[] {NEVER});
    }

    /**
     * From the application's configs (the processor context's {@code appConfigs()}, or the Streams properties); the
     * application checks them with
     * this before it starts, so a bad setting stops the start instead of each task's initialisation.
     *
     * @throws IllegalArgumentException if {@link #GAP_MS_CONFIG} is not a number of milliseconds >= 0
     */
    public static EarlyCommit of(Map<?, ?> appConfigs) {
        Object guarantee = appConfigs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (guarantee == null || StreamsConfig.AT_LEAST_ONCE.equals(guarantee.toString())) {
            return new EarlyCommit(0, 0, THREAD_LAST_REQUEST_MS);
        }
        long intervalMs = longSetting(
                appConfigs, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_EXACTLY_ONCE_COMMIT_INTERVAL_MS);
        long gapMs = longSetting(appConfigs, GAP_MS_CONFIG, DEFAULT_GAP_MS);
        if (gapMs < 0) {
            throw new IllegalArgumentException(GAP_MS_CONFIG + " must be 0 (off) or more milliseconds, got " + gapMs);
        }
        // A gap as long as the interval would only add commits to the interval's.
        return new EarlyCommit(gapMs < intervalMs ? gapMs : 0, intervalMs, THREAD_LAST_REQUEST_MS);
    }

    /** After a record is processed: requests a commit if the task keeps up and this thread has not just asked. */
    public void afterRecord(ProcessorContext<?, ?> context, long recordTimestampMs) {
        if (gapMs == 0) {
            return;
        }
        long nowMs = context.currentSystemTimeMs();
        if (nowMs - recordTimestampMs > maxRecordAgeMs) {
            return;
        }
        long[] last = lastRequestMs.get();
        long sinceLastRequestMs = last[0] == NEVER ? Long.MAX_VALUE : nowMs - last[0];
        // A wall clock set back (negative time since) must not stop the requests until it catches up.
        if (sinceLastRequestMs >= 0 && sinceLastRequestMs < gapMs) {
            return;
        }
        last[0] = nowMs;
        context.commit();
    }

    private static long longSetting(Map<?, ?> configs, String name, long defaultValue) {
        Object value = configs.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds, got '" + value + "'", e);
        }
    }
}
