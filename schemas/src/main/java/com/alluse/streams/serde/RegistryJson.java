package com.alluse.streams.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** JSON bodies of the Confluent Schema Registry REST API, shared by the client and the server. */
public final class RegistryJson {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    // Bodies quoted in exception messages are cut to keep logs readable.
    private static final int MAX_QUOTED_CHARS = 500;

    private RegistryJson() {}

    /** A registry {@code {"error_code": ..., "message": ...}} body, tolerant of non-JSON bodies. */
    public record ErrorBody(int errorCode, String message) {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** {@code {"schema": "<schema JSON>"}}; schemaType is omitted because AVRO is the default. */
    public static String schemaRequest(Schema schema) {
        return write(object().put("schema", schema.toString()));
    }

    public static String errorBody(int errorCode, String message) {
        return write(object().put("error_code", errorCode).put("message", message));
    }

    /** Parses a JSON object body or throws a {@link SchemaRegistryException} naming what was expected. */
    public static JsonNode parseObject(String body, String what) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new SchemaRegistryException("Expected a JSON object for " + what + ", got: " + quote(body), 0, 0);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException("Malformed JSON for " + what + ": " + quote(body), e);
        }
    }

    public static ErrorBody parseError(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.isObject()) {
                return new ErrorBody(
                        node.path("error_code").asInt(0), node.path("message").asText(quote(body)));
            }
        } catch (JsonProcessingException e) {
            // Not JSON (e.g. a proxy's HTML error page): quote it as it is.
        }
        return new ErrorBody(0, quote(body));
    }

    /** An int field that must be present, e.g. the {@code id} of a register response. */
    public static int requiredInt(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(
                    "Missing integer '" + field + "' in " + what + ": " + quote(node.toString()), 0, 0);
        }
        return value.intValue();
    }

    /** The Avro schema in a response's {@code schema} field; other schema types are refused. */
    public static Schema requiredAvroSchema(JsonNode node, String what) {
        String type = node.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw new SchemaRegistryException(what + " is a " + type + " schema, not Avro", 0, 0);
        }
        JsonNode schema = node.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new SchemaRegistryException("Missing 'schema' in " + what + ": " + quote(node.toString()), 0, 0);
        }
        return parseSchema(schema.textValue());
    }

    /** A self-contained Avro schema; each schema gets a fresh parser so names do not leak between schemas. */
    public static Schema parseSchema(String schemaJson) {
        try {
            return new Schema.Parser().parse(schemaJson);
        } catch (SchemaParseException | NullPointerException e) {
            throw new SchemaRegistryException(
                    "Invalid Avro schema: " + e.getMessage(), 422, SchemaRegistryException.INVALID_SCHEMA);
        }
    }

    public static String quote(String text) {
        if (text == null) {
            return "<no body>";
        }
        return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
    }
}
