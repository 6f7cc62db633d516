package com.alluse.streams.serde.internals;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads Confluent-framed Avro into generated classes. The reader schema is the {@code SCHEMA$} of
 * the class generated for the writer schema's full name, so data written with an older compatible
 * version resolves into the current class (added fields take their defaults). One DatumReader is
 * cached per writer schema.
 */
public final class AvroRecordDecoder {
    private final Class<? extends SpecificRecord> expectedType;
    private final LruCache<Schema, DatumReader<Object>> readers;

    /** @param expectedType the only class to accept, or null to accept any generated class */
    public AvroRecordDecoder(Class<? extends SpecificRecord> expectedType, int cacheCapacity) {
        this.expectedType = expectedType;
        this.readers = new LruCache<>(cacheCapacity);
    }

    /** Decodes the body of {@code framed} (header already checked) written with {@code writerSchema}. */
    public Object decode(String topic, int schemaId, Schema writerSchema, byte[] framed) {
        DatumReader<Object> reader = readers.computeIfAbsent(writerSchema, s -> readerFor(topic, schemaId, s));
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(framed, WireFormat.HEADER_BYTES, framed.length - WireFormat.HEADER_BYTES, null);
        try {
            Object record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("Record on topic '" + topic + "' has bytes left after decoding"
                        + " with schema " + schemaId + " (" + writerSchema.getFullName() + "): corrupt or mislabelled");
            }
            return record;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException(
                    "Cannot decode record on topic '" + topic + "' written with schema " + schemaId + " ("
                            + writerSchema.getFullName() + ") into " + readerName(writerSchema) + ": " + e,
                    e);
        }
    }

    private DatumReader<Object> readerFor(String topic, int schemaId, Schema writerSchema) {
        Class<?> generated = writerSchema.getType() == Schema.Type.RECORD
                ? SpecificData.get().getClass(writerSchema)
                : null;
        Class<?> readerClass = generated;
        if (expectedType != null) {
            if (generated != null && generated != expectedType) {
                throw new SerializationException("Record on topic '" + topic + "' is a " + writerSchema.getFullName()
                        + " (schema " + schemaId + "), not the expected " + expectedType.getName());
            }
            readerClass = expectedType; // a renamed record can still resolve through the reader's aliases
        }
        if (readerClass == null || !SpecificRecord.class.isAssignableFrom(readerClass)) {
            throw new SerializationException("No generated Avro class for " + writerSchema.getFullName() + " (schema "
                    + schemaId + ", topic '" + topic + "') on the classpath");
        }
        Schema readerSchema = SpecificData.get().getSchema(readerClass);
        return new SpecificDatumReader<>(writerSchema, readerSchema, SpecificData.getForSchema(readerSchema));
    }

    private String readerName(Schema writerSchema) {
        return expectedType != null ? expectedType.getName() : writerSchema.getFullName();
    }
}
