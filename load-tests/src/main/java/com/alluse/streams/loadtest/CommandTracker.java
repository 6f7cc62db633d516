package com.alluse.streams.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What was sent and what came back, for one phase of a scenario. Command ids are
 * {@code <prefix><sequence>}, so a result is matched to its command by id without a map: the
 * sequence indexes flat arrays (8 + 4 bytes per command), which keeps the tracker's own memory
 * out of the RSS measured at a million accounts.
 */
final class CommandTracker {
    private final String idPrefix;
    private final AtomicLongArray sendNanos;
    private final AtomicIntegerArray resultCounts;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong resolved = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong repeatedResults = new AtomicLong();
    private final AtomicLong unknownResults = new AtomicLong();
    private final AtomicLong firstSendNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastResultNanos = new AtomicLong();

    CommandTracker(String idPrefix, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        this.idPrefix = idPrefix;
        this.sendNanos = new AtomicLongArray(capacity);
        this.resultCounts = new AtomicIntegerArray(capacity);
    }

    int capacity() {
        return sendNanos.length();
    }

    String commandId(int sequence) {
        return idPrefix + sequence;
    }

    /** @param intendedNanos when the command should have gone out (open loop) or went out (closed loop) */
    void markSent(int sequence, long intendedNanos) {
        // 0 marks "never sent"; a clock reading of exactly 0 is nudged by a nanosecond.
        sendNanos.set(sequence, intendedNanos == 0 ? 1 : intendedNanos);
        firstSendNanos.accumulateAndGet(intendedNanos, Math::min);
        sent.incrementAndGet();
    }

    void markSendFailed() {
        sendErrors.incrementAndGet();
    }

    /** Records a result; returns the latency in nanos, or -1 for a result of no command of ours or a repeat. */
    long resolve(String commandId, long receivedNanos) {
        int sequence = sequenceOf(commandId);
        if (sequence < 0 || sequence >= sendNanos.length() || sendNanos.get(sequence) == 0) {
            unknownResults.incrementAndGet();
            return -1;
        }
        if (resultCounts.getAndIncrement(sequence) > 0) {
            repeatedResults.incrementAndGet();
            return -1;
        }
        resolved.incrementAndGet();
        lastResultNanos.accumulateAndGet(receivedNanos, Math::max);
        return receivedNanos - sendNanos.get(sequence);
    }

    private int sequenceOf(String commandId) {
        if (!commandId.startsWith(idPrefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(commandId, idPrefix.length(), commandId.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    long sent() {
        return sent.get();
    }

    long resolved() {
        return resolved.get();
    }

    long outstanding() {
        return sent.get() - resolved.get();
    }

    long sendErrors() {
        return sendErrors.get();
    }

    long repeatedResults() {
        return repeatedResults.get();
    }

    long unknownResults() {
        return unknownResults.get();
    }

    /** From the first send to the last result: the window the throughput is computed over. */
    long activeNanos() {
        long first = firstSendNanos.get();
        long last = lastResultNanos.get();
        return first == Long.MAX_VALUE || last <= first ? 0 : last - first;
    }

    /** Up to {@code limit} ids of commands sent without a result, for the report. */
    List<String> missing(int limit) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < sendNanos.length() && missing.size() < limit; i++) {
            if (sendNanos.get(i) != 0 && resultCounts.get(i) == 0) {
                missing.add(commandId(i));
            }
        }
        return missing;
    }
}
