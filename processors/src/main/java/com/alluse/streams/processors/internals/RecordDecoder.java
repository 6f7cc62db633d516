package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.DeadLetterReason;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Decodes an input value of the expected type, dead-lettering whatever cannot be. */
public final class RecordDecoder<T> {
    private final ProcessorContext<?, ?> context;
    private final Deserializer<?> deserializer;
    private final Class<T> expectedType;
    private final DeadLetters deadLetters;

    public RecordDecoder(
            ProcessorContext<?, ?> context,
            Deserializer<?> deserializer,
            Class<T> expectedType,
            DeadLetters deadLetters) {
        this.context = context;
        this.deserializer = deserializer;
        this.expectedType = expectedType;
        this.deadLetters = deadLetters;
    }

    public Optional<T> decode(Record<byte[], byte[]> record) {
        Object value;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("record has no value");
            }
            value = deserializer.deserialize(
                    context.recordMetadata().orElseThrow().topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            deadLetters.send(record, DeadLetterReason.DESERIALIZATION_FAILED, e);
            return Optional.empty();
        }
        if (expectedType.isInstance(value)) {
            return Optional.of(expectedType.cast(value));
        }
        String found = value == null ? "null" : value.getClass().getName();
        deadLetters.send(
                record,
                DeadLetterReason.WRONG_SCHEMA,
                new IllegalArgumentException("expected a " + expectedType.getSimpleName() + ", got " + found));
        return Optional.empty();
    }
}
