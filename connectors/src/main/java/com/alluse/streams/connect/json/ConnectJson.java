package com.alluse.streams.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apicurio.registry.utils.converter.avro.AvroData;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Connect data (as {@code AllUseAvroConverter} delivers it) as a JSON tree: Kafka's own {@link
 * JsonConverter} without schemas, so int64 money stays an integer number of cents, and every Avro
 * union (a struct with one optional field per member) reduced to the member that is set, {@code
 * {"ForkCompleted": {...}}}, as Avro's JSON encoding writes unions.
 */
public final class ConnectJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonConverter converter = new JsonConverter();

    public ConnectJson() {
        converter.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
    }

    /** @throws DataException when the value does not match its schema */
    public JsonNode toJson(String topic, Schema schema, Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        JsonNode json;
        try {
            json = JSON.readTree(converter.fromConnectData(topic, schema, value));
        } catch (IOException e) {
            throw new DataException("cannot render the value as JSON: " + e.getMessage(), e);
        }
        if (schema != null) {
            dropUnsetUnionMembers(schema, json);
        }
        return json;
    }

    private static void dropUnsetUnionMembers(Schema schema, JsonNode json) {
        if (json == null || json.isNull()) {
            return;
        }
        switch (schema.type()) {
            case STRUCT -> {
                ObjectNode object = (ObjectNode) json;
                for (Field field : schema.fields()) {
                    dropUnsetUnionMembers(field.schema(), object.get(field.name()));
                }
                if (AvroData.AVRO_TYPE_UNION.equals(schema.name())) {
                    object.properties().removeIf(member -> member.getValue().isNull());
                }
            }
            case ARRAY -> json.forEach(element -> dropUnsetUnionMembers(schema.valueSchema(), element));
            case MAP -> {
                // JsonConverter writes a map with string keys as an object, any other as [[key, value], ...].
                if (json instanceof ObjectNode object) {
                    object.forEach(element -> dropUnsetUnionMembers(schema.valueSchema(), element));
                } else {
                    for (JsonNode entry : (ArrayNode) json) {
                        dropUnsetUnionMembers(schema.keySchema(), entry.get(0));
                        dropUnsetUnionMembers(schema.valueSchema(), entry.get(1));
                    }
                }
            }
            default -> {}
        }
    }
}
