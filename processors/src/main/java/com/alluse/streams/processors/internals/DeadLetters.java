package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
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

    /** Forwarding to a dead-letter sink of another sub-topology than the ledger's. */
    public DeadLetters(ProcessorContext<String, SpecificRecord> context, String sinkName) {
        this.context = context;
        this.sinkName = sinkName;
    }

    public void send(Record<byte[], byte[]> record, DeadLetterReason reason, Throwable error) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String message = truncate(String.valueOf(error.getMessage()));
        LOG.warn(
                "Dead-lettering {}-{}@{}: {} {}", source.topic(), source.partition(), source.offset(), reason, message);
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setSourceTimestampMs(record.timestamp())
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setReason(reason)
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(message)
                .setApplicationId(context.applicationId())
                .setFailedAtMs(context.currentSystemTimeMs())
                .build();
        String key = source.topic() + "-" + source.partition() + "@" + source.offset();
        context.forward(new Record<>(key, letter, record.timestamp()), sinkName);
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
