package com.alluse.streams.client.json;

import com.alluse.streams.domain.Money;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Renders any Avro record (a generated {@code SpecificRecord} or a generic one) as JSON, driven by
 * its schema alone, so new record types and fields need no code here:
 * <ul>
 *   <li>a {@code long} (or nullable {@code long}) field named {@code xxxCents} becomes {@code "xxx"}
 *       with a decimal string, e.g. {@code balanceCents 10000000 -> "balance":"100000.00"}: money
 *       never becomes a JSON number that a client could read into a double;
 *   <li>a union with several record branches becomes {@code {"type":"<RecordName>", ...fields}}; a
 *       nullable record (one record branch) is a plain object, its type being already known;
 *   <li>enums and strings are strings, arrays are arrays, maps are objects;
 *   <li>{@code bytes} and {@code fixed} are base64 under the field's name, plus {@code "<field>Text"}
 *       with the UTF-8 text when the bytes are printable text, else null;
 *   <li>null is JSON null: every field of the schema is always present, so the shape of the output
 *       depends only on the record's type.
 * </ul>
 */
public final class RecordJson {
    public static final String TYPE_FIELD = "type";
    public static final String MONEY_SUFFIX = "Cents";
    public static final String TEXT_SUFFIX = "Text";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SpecificData AVRO = SpecificData.get();

    public ObjectNode toJson(IndexedRecord record) {
        ObjectNode json = NODES.objectNode();
        writeFields(json, record);
        return json;
    }

    /** Appends the record's fields to {@code json}, which may already hold other fields (e.g. metadata). */
    public void writeFields(ObjectNode json, IndexedRecord record) {
        Schema schema = record.getSchema();
        for (Schema.Field field : schema.getFields()) {
            writeField(json, schema, field, record.get(field.pos()));
        }
    }

    private void writeField(ObjectNode json, Schema record, Schema.Field field, Object value) {
        String name = field.name();
        Schema type = withoutNull(field.schema());
        if (type.getType() == Schema.Type.LONG
                && name.endsWith(MONEY_SUFFIX)
                && name.length() > MONEY_SUFFIX.length()) {
            String moneyName = derivedName(record, name.substring(0, name.length() - MONEY_SUFFIX.length()), name);
            json.set(moneyName, value == null ? NODES.nullNode() : NODES.textNode(Money.toDecimalString((Long) value)));
        } else if (type.getType() == Schema.Type.BYTES || type.getType() == Schema.Type.FIXED) {
            byte[] bytes = value == null ? null : bytes(value);
            json.set(
                    name,
                    bytes == null
                            ? NODES.nullNode()
                            : NODES.textNode(Base64.getEncoder().encodeToString(bytes)));
            String text = bytes == null ? null : Utf8Text.printableOrNull(bytes);
            json.set(
                    derivedName(record, name + TEXT_SUFFIX, name),
                    text == null ? NODES.nullNode() : NODES.textNode(text));
        } else {
            json.set(name, value(field.schema(), value));
        }
    }

    private JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case UNION -> union(schema, value);
            case RECORD -> toJson((IndexedRecord) value);
            case ENUM, STRING -> NODES.textNode(value.toString());
            case BYTES, FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(bytes(value)));
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case NULL -> NODES.nullNode();
            case ARRAY -> array(schema.getElementType(), (Collection<?>) value);
            case MAP -> map(schema.getValueType(), (Map<?, ?>) value);
        };
    }

    private JsonNode union(Schema union, Object value) {
        Schema branch = union.getTypes().get(AVRO.resolveUnion(union, value));
        if (branch.getType() != Schema.Type.RECORD || recordBranches(union) < 2) {
            return value(branch, value);
        }
        if (branch.getField(TYPE_FIELD) != null) {
            throw new IllegalStateException("cannot tag union member " + branch.getFullName() + " with \"" + TYPE_FIELD
                    + "\": it has a field of that name");
        }
        ObjectNode tagged = NODES.objectNode();
        tagged.put(TYPE_FIELD, branch.getName());
        writeFields(tagged, (IndexedRecord) value);
        return tagged;
    }

    private ArrayNode array(Schema elementType, Collection<?> values) {
        ArrayNode array = NODES.arrayNode(values.size());
        values.forEach(element -> array.add(value(elementType, element)));
        return array;
    }

    private ObjectNode map(Schema valueType, Map<?, ?> values) {
        ObjectNode object = NODES.objectNode();
        values.forEach((key, element) -> object.set(key.toString(), value(valueType, element)));
        return object;
    }

    /** A name this renderer derives from a field must not hide another field of the record. */
    private static String derivedName(Schema record, String derived, String from) {
        if (record.getField(derived) != null) {
            throw new IllegalStateException(record.getFullName() + "." + from + " would be rendered as \"" + derived
                    + "\", which is another field of the record");
        }
        return derived;
    }

    /** The single non-null branch of a nullable type, else the type itself. */
    private static Schema withoutNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> nonNull = schema.getTypes().stream()
                .filter(branch -> branch.getType() != Schema.Type.NULL)
                .toList();
        return nonNull.size() == 1 ? nonNull.get(0) : schema;
    }

    private static long recordBranches(Schema union) {
        return union.getTypes().stream()
                .filter(branch -> branch.getType() == Schema.Type.RECORD)
                .count();
    }

    private static byte[] bytes(Object value) {
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes();
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate(); // leaves the record's buffer position alone
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
