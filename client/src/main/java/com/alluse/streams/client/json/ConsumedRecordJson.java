package com.alluse.streams.client.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One consumed record as one JSON object: where it came from ({@code _topic}, {@code _partition},
 * {@code _offset}, {@code _timestamp}, {@code _key}), then the value's fields as {@link RecordJson}
 * renders them. The record is decoded here rather than by the consumer, so that a value that
 * cannot be decoded (the very input that ends up in the dead-letter topic) is shown with
 * {@code _error} and its bytes instead of stopping the consumer.
 */
public final class ConsumedRecordJson {
    public static final String TOPIC = "_topic";
    public static final String PARTITION = "_partition";
    public static final String OFFSET = "_offset";
    public static final String TIMESTAMP = "_timestamp";
    public static final String KEY = "_key";
    /** Only present when the key bytes are not UTF-8 text. */
    public static final String KEY_BASE64 = "_keyBase64";
    /** Only present, and true, for a record with a null value. */
    public static final String TOMBSTONE = "_tombstone";
    /** Only present when the value could not be decoded, with {@link #VALUE_BASE64} and {@link #VALUE_TEXT}. */
    public static final String ERROR = "_error";

    public static final String VALUE_BASE64 = "_valueBase64";
    public static final String VALUE_TEXT = "_valueText";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // ASCII-only output reads the same whatever the terminal's or the platform's charset.
    private static final ObjectMapper WRITER =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final Deserializer<?> valueDeserializer;
    private final RecordJson records = new RecordJson();

    /** @param valueDeserializer turns the value's bytes into an Avro record (e.g. the registry-aware Avro deserializer) */
    public ConsumedRecordJson(Deserializer<?> valueDeserializer) {
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
    }

    /** The record as one line of JSON, without a line break. */
    public String toJsonLine(ConsumerRecord<byte[], byte[]> record) {
        try {
            return WRITER.writeValueAsString(toJson(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    public ObjectNode toJson(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode json = NODES.objectNode();
        json.put(TOPIC, record.topic());
        json.put(PARTITION, record.partition());
        json.put(OFFSET, record.offset());
        json.put(
                TIMESTAMP,
                record.timestamp() >= 0
                        ? Instant.ofEpochMilli(record.timestamp()).toString()
                        : null);
        writeKey(json, record.key());
        if (record.value() == null) {
            json.put(TOMBSTONE, true);
            return json;
        }
        Object value;
        try {
            value = valueDeserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            return undecodable(json, record.value(), e.getMessage());
        }
        if (!(value instanceof IndexedRecord avro)) {
            return undecodable(
                    json,
                    record.value(),
                    "not an Avro record: "
                            + (value == null ? "null" : value.getClass().getName()));
        }
        records.writeFields(json, avro);
        return json;
    }

    private static void writeKey(ObjectNode json, byte[] key) {
        String text = key == null ? null : Utf8Text.decodeOrNull(key);
        json.put(KEY, text);
        if (key != null && text == null) {
            json.put(KEY_BASE64, Base64.getEncoder().encodeToString(key));
        }
    }

    private static ObjectNode undecodable(ObjectNode json, byte[] value, String error) {
        json.put(ERROR, "cannot decode the value: " + error);
        json.put(VALUE_BASE64, Base64.getEncoder().encodeToString(value));
        json.put(VALUE_TEXT, Utf8Text.printableOrNull(value));
        return json;
    }
}
