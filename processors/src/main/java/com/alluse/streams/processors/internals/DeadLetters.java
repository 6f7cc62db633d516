package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.processors.CalendarRelay;
import com.alluse.streams.processors.SinkNames;
import java.nio.ByteBuffer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends input the pipeline cannot process to the dead-letter topic, with its bytes and why. */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_MESSAGE_CHARS = 2_000;

    private final ProcessorContext<String, SpecificRecord> context;
    private final String sinkName;

    public DeadLetters(ProcessorContext<String, SpecificRecord> context) {
        this(context, SinkNames.DEAD_LETTERS);
    }

    /** Forwarding to {@code sinkName}: a sub-topology of its own needs a dead-letter sink of its own. */
    public DeadLetters(ProcessorContext<String, SpecificRecord> context, String sinkName) {
        this.context = context;
        this.sinkName = sinkName;
    }

    /**
     * Dead-letters the record being processed, naming where it was produced: a calendar event relayed into the
     * commands names its calendar record.
     */
    public void send(Record<byte[], byte[]> record, DeadLetterReason reason, Throwable error) {
        RecordMetadata read = context.recordMetadata().orElseThrow();
        Source source = CalendarRelay.origin(record)
                .map(origin -> new Source(origin.topic(), origin.partition(), origin.offset(), record.timestamp()))
                .orElseGet(() -> new Source(read.topic(), read.partition(), read.offset(), record.timestamp()));
        send(source, record.key(), record.value(), reason, error);
    }

    /** Dead-letters a record read earlier (outside its processing, e.g. in a punctuation). */
    public void send(Source source, byte[] key, byte[] value, DeadLetterReason reason, Throwable error) {
        String message = truncate(String.valueOf(error.getMessage()));
        LOG.warn(
                "Dead-lettering {}-{}@{}: {} {}", source.topic(), source.partition(), source.offset(), reason, message);
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setSourceTimestampMs(source.timestampMs())
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason)
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(message)
                .setApplicationId(context.applicationId())
                .setFailedAtMs(context.currentSystemTimeMs())
                .build();
        String letterKey = source.topic() + "-" + source.partition() + "@" + source.offset();
        context.forward(new Record<>(letterKey, letter, source.timestampMs()), sinkName);
    }

    /** Where a dead-lettered record was read. */
    public record Source(String topic, int partition, long offset, long timestampMs) {}

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
