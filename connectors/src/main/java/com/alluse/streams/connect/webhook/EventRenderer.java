package com.alluse.streams.connect.webhook;

import com.alluse.streams.connect.json.ConnectJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a sink record into the JSON event it is delivered as, or nothing when its type is not
 * selected. The body is {@code {"eventId", "eventType", "topic", "partition", "offset", "event"}}
 * where {@code event} is the record value with its type union written as Avro's JSON encoding
 * writes unions ({@code {"ForkCompleted": {...}}}); money stays integer cents.
 */
final class EventRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSinkConfig config;
    private final ConnectJson connectJson = new ConnectJson();

    EventRenderer(WebhookSinkConfig config) {
        this.config = config;
    }

    /**
     * @return the event, or empty when its type is not selected
     * @throws DataException when the record is no event (no struct value, no id or type): a permanent failure
     */
    Optional<WebhookEvent> render(SinkRecord record) {
        if (!(record.value() instanceof Struct value)) {
            throw new DataException("not an event: the value is "
                    + (record.value() == null
                            ? "null (a tombstone)"
                            : record.value().getClass().getName())
                    + ", not a struct");
        }
        String type = eventType(value);
        if (!config.selects(type)) {
            return Optional.empty();
        }
        Object id = field(value, config.idField());
        if (!(id instanceof String eventId) || eventId.isBlank()) {
            throw new DataException("not an event: field '" + config.idField() + "' is not a non-empty string");
        }
        return Optional.of(new WebhookEvent(eventId, type, body(record, eventId, type)));
    }

    private String eventType(Struct value) {
        Object typeValue = field(value, config.typeField());
        if (typeValue instanceof String text) {
            return text;
        }
        if (typeValue instanceof Struct union) {
            // Avro unions arrive as a struct with one non-null field named after the member.
            for (Field member : union.schema().fields()) {
                if (union.get(member) != null) {
                    return member.name();
                }
            }
        }
        throw new DataException("not an event: field '" + config.typeField() + "' is neither a union nor a string");
    }

    private static Object field(Struct value, String name) {
        Field field = value.schema().field(name);
        if (field == null) {
            throw new DataException("not an event: the value has no field '" + name + "'");
        }
        return value.get(field);
    }

    private byte[] body(SinkRecord record, String eventId, String type) {
        JsonNode event = connectJson.toJson(record.topic(), record.valueSchema(), record.value());
        try {
            ObjectNode body = JSON.createObjectNode()
                    .put("eventId", eventId)
                    .put("eventType", type)
                    .put("topic", record.topic())
                    .put("partition", record.kafkaPartition())
                    .put("offset", record.kafkaOffset());
            body.set("event", event);
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new DataException("cannot render the event as JSON: " + e.getMessage(), e);
        }
    }
}
