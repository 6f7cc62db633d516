package com.alluse.streams.connect.transforms;

import com.alluse.streams.connect.json.ConnectJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Replaces a record's value by one line of JSON (a string, no line break) that describes the whole
 * record, so that Kafka's {@code FileStreamSinkConnector}, which writes each value's {@code
 * toString()}, writes JSON lines: {@code _topic}, {@code _partition}, {@code _offset}, {@code
 * _timestamp} (ISO-8601) and {@code _key} (the names {@code alluse consume} uses), then the value's
 * fields as {@link ConnectJson} renders them (money as integer cents, unions as their set member).
 * A tombstone becomes {@code "_tombstone": true}; a value that is not a struct goes under {@code
 * _value}. The key is left as it is.
 */
public final class JsonLine<R extends ConnectRecord<R>> implements Transformation<R> {
    public static final String TOPIC = "_topic";
    public static final String PARTITION = "_partition";
    public static final String OFFSET = "_offset";
    public static final String TIMESTAMP = "_timestamp";
    public static final String KEY = "_key";
    public static final String TOMBSTONE = "_tombstone";
    public static final String VALUE = "_value";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ConnectJson connectJson = new ConnectJson();

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to configure: the line's shape is fixed, so every export reads the same.
    }

    @Override
    public R apply(R record) {
        ObjectNode line = NODES.objectNode();
        line.put(TOPIC, record.topic());
        line.put(PARTITION, record.kafkaPartition());
        if (record instanceof SinkRecord sink) {
            line.put(OFFSET, sink.kafkaOffset());
        }
        Long timestamp = record.timestamp();
        line.put(
                TIMESTAMP,
                timestamp == null || timestamp < 0
                        ? null
                        : Instant.ofEpochMilli(timestamp).toString());
        line.set(KEY, connectJson.toJson(record.topic(), record.keySchema(), record.key()));
        if (record.value() == null) {
            line.put(TOMBSTONE, true);
        } else {
            JsonNode value = connectJson.toJson(record.topic(), record.valueSchema(), record.value());
            if (value instanceof ObjectNode fields
                    && record.valueSchema() != null
                    && record.valueSchema().type() == Schema.Type.STRUCT) {
                fields.properties().forEach(field -> {
                    if (line.has(field.getKey())) {
                        throw new DataException("the value's field '" + field.getKey()
                                + "' has the name of a record attribute of the JSON line");
                    }
                    line.set(field.getKey(), field.getValue());
                });
            } else {
                line.set(VALUE, value);
            }
        }
        return record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                Schema.STRING_SCHEMA,
                text(line),
                record.timestamp());
    }

    private static String text(ObjectNode line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
