package com.alluse.streams.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which record timestamps a topic accepts. Commands and calendar events carry their event time as
 * the record timestamp, so that Kafka Streams orders them by event time; a broker with
 * {@code message.timestamp.type=CreateTime} rejects timestamps too far from its clock
 * ({@code message.timestamp.after.max.ms} is one hour by default since Kafka 4.0). Checking
 * before sending turns that into a clear error on the offending line.
 *
 * @param logAppendTime the broker replaces timestamps with its own clock: anything goes
 */
record TimestampWindow(boolean logAppendTime, long beforeMaxMs, long afterMaxMs) {

    /** Why the topic would reject this timestamp, or empty when it accepts it. */
    Optional<String> violation(long timestampMs, long nowMs) {
        if (logAppendTime) {
            return Optional.empty();
        }
        if (timestampMs > nowMs && timestampMs - nowMs > afterMaxMs) {
            return Optional.of(
                    "event time " + Instant.ofEpochMilli(timestampMs) + " is more than " + Duration.ofMillis(afterMaxMs)
                            + " in the future, which the topic rejects (message.timestamp.after.max.ms)");
        }
        if (timestampMs < nowMs && nowMs - timestampMs > beforeMaxMs) {
            return Optional.of("event time " + Instant.ofEpochMilli(timestampMs) + " is more than "
                    + Duration.ofMillis(beforeMaxMs)
                    + " in the past, which the topic rejects (message.timestamp.before.max.ms)");
        }
        return Optional.empty();
    }
}
