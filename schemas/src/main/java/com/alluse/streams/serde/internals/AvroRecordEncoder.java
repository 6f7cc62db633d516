package com.alluse.streams.serde.internals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes Avro records in the Confluent wire format, caching one (thread-safe) DatumWriter per schema.
 * Avro's own exceptions (e.g. a null in a non-null field) propagate for the caller to wrap.
 */
public final class AvroRecordEncoder {
    private record SchemaPair(Schema from, Schema to) {}

    private final LruCache<Schema, DatumWriter<Object>> writers;
    private final LruCache<Schema, DatumWriter<Object>> genericWriters;
    private final LruCache<SchemaPair, DatumReader<Object>> converters;

    public AvroRecordEncoder(int cacheCapacity) {
        this.writers = new LruCache<>(cacheCapacity);
        this.genericWriters = new LruCache<>(cacheCapacity);
        this.converters = new LruCache<>(cacheCapacity);
    }

    /** Header for {@code schemaId}, then {@code datum} written with its own {@code schema}. */
    public byte[] encode(int schemaId, Schema schema, Object datum) {
        DatumWriter<Object> writer =
                writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)));
        return frame(schemaId, writer, datum);
    }

    /**
     * Header for {@code targetId}, then {@code datum} (of {@code schema}) rewritten in {@code target}, a
     * different version of the same record: Avro schema resolution fills added fields with their
     * defaults and drops removed ones. Throws Avro's AvroTypeException when {@code target} cannot
     * read data of {@code schema}.
     */
    public byte[] encodeAs(int targetId, Schema schema, Schema target, Object datum) {
        byte[] body = bodyOf(schema, datum);
        DatumReader<Object> converter = converters.computeIfAbsent(
                new SchemaPair(schema, target),
                pair -> new GenericDatumReader<>(pair.from(), pair.to(), GenericData.get()));
        Object converted;
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, null);
            converted = converter.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatumWriter<Object> writer =
                genericWriters.computeIfAbsent(target, s -> new GenericDatumWriter<>(s, GenericData.get()));
        return frame(targetId, writer, converted);
    }

    private byte[] bodyOf(Schema schema, Object datum) {
        byte[] framed = encode(0, schema, datum);
        byte[] body = new byte[framed.length - WireFormat.HEADER_BYTES];
        System.arraycopy(framed, WireFormat.HEADER_BYTES, body, 0, body.length);
        return body;
    }

    private static byte[] frame(int schemaId, DatumWriter<Object> writer, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(WireFormat.header(schemaId));
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}
