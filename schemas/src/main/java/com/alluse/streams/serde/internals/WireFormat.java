package com.alluse.streams.serde.internals;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's framing: magic byte 0, 4-byte big-endian schema id, then the Avro binary body. */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_BYTES = 1 + Integer.BYTES;

    private WireFormat() {}

    /** The 5-byte header announcing {@code schemaId}. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_BYTES)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .array();
    }

    /** The schema id of a framed record, after checking its length and magic byte. */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_BYTES) {
            throw new SerializationException("Record on topic '" + topic + "' has " + data.length
                    + " bytes, fewer than the " + HEADER_BYTES + "-byte Confluent wire-format header");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Record on topic '%s' starts with byte 0x%02x, not the Confluent wire-format magic byte 0x00"
                            + " (not written by a schema-registry Avro serializer?)",
                    topic, data[0]));
        }
        return ByteBuffer.wrap(data, 1, Integer.BYTES).getInt();
    }
}
