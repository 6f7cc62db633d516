package com.alluse.streams.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Follows the asynchronous sends of produce: counts confirmed ones, reports a record the broker
 * refused as an invalid line, and keeps the first other failure, which must stop producing
 * (the cluster or the registry is in trouble; sending on would only pile up the same error).
 */
final class SendTracker {
    private final PrintWriter err;
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private long sent;

    SendTracker(PrintWriter err) {
        this.err = err;
    }

    /** The callback of the send of one line. */
    Callback forLine(long lineNumber) {
        return (metadata, exception) -> {
            if (exception == null) {
                confirmed.incrementAndGet();
            } else if (isRecordLevel(exception)) {
                refused.incrementAndGet();
                err.println("line " + lineNumber + ": refused by Kafka: " + exception.getMessage());
            } else {
                fail(lineNumber, exception);
            }
        };
    }

    /** Counts a send the producer accepted; call from the sending thread once {@code send} has returned. */
    void sent() {
        sent++;
    }

    /** A send that failed before it reached the producer's buffer (e.g. the registry is unreachable). */
    void fail(long lineNumber, Exception exception) {
        failure.compareAndSet(null, "line " + lineNumber + " could not be sent: " + exception.getMessage());
    }

    boolean failed() {
        return failure.get() != null;
    }

    String failure() {
        return failure.get();
    }

    long confirmed() {
        return confirmed.get();
    }

    long refused() {
        return refused.get();
    }

    /** Sent, but neither confirmed nor refused: these may or may not have been written. */
    long unconfirmed() {
        return sent - confirmed.get() - refused.get();
    }

    /** Errors about this one record, which other records do not share. */
    private static boolean isRecordLevel(Exception exception) {
        return exception instanceof InvalidTimestampException
                || exception instanceof RecordTooLargeException
                || exception instanceof InvalidRecordException;
    }
}
