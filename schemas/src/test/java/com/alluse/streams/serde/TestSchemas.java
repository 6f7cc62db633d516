package com.alluse.streams.serde;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Other versions of the project's schemas, and hand-made wire-format records, for evolution tests. */
public final class TestSchemas {
    private TestSchemas() {}

    /** CalendarEvent plus an optional field: a compatible evolution. */
    public static Schema calendarEventWithOptionalField() {
        return withField(
                CalendarEvent.getClassSchema(),
                new Schema.Field("timezone", Schema.create(Schema.Type.STRING), "added in v2", "UTC"));
    }

    /** CalendarEvent plus a required field: incompatible (old data has no value for it). */
    public static Schema calendarEventWithRequiredField() {
        return withField(
                CalendarEvent.getClassSchema(),
                new Schema.Field("timezone", Schema.create(Schema.Type.STRING), "added without default"));
    }

    /** CalendarEvent whose kind has a symbol the generated class lacks (the class reads it as the default). */
    public static Schema calendarEventWithExtraKind() {
        String json = CalendarEvent.getClassSchema().toString();
        String symbols = "\"symbols\":[\"WEEK_CLOSE\",\"QUARTER_CLOSE\"]";
        if (!json.contains(symbols)) {
            throw new AssertionError("CalendarKind symbols changed: " + json);
        }
        return new Schema.Parser()
                .parse(json.replace(symbols, "\"symbols\":[\"WEEK_CLOSE\",\"QUARTER_CLOSE\",\"MONTH_CLOSE\"]"));
    }

    /** CalendarEvent whose kind has no default: a reader of it cannot read a symbol it does not know. */
    public static Schema calendarEventWithoutKindDefault() {
        String json = CalendarEvent.getClassSchema().toString();
        String withDefault = ",\"default\":\"WEEK_CLOSE\"}";
        if (!json.contains(withDefault)) {
            throw new AssertionError("CalendarKind default changed: " + json);
        }
        return new Schema.Parser().parse(json.replace(withDefault, "}"));
    }

    /** CalendarEvent without its periodId: the generated class cannot read its data (no default). */
    public static Schema calendarEventWithoutPeriodId() {
        Schema current = CalendarEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            if (!field.name().equals("periodId")) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    /** AccountState as it was before reinvestedContractsCents and reinvestedLeapsCents existed. */
    public static Schema accountStateBeforeReinvestmentFields() {
        Schema current = AccountState.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            if (!field.name().startsWith("reinvested")) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    public static Schema withField(Schema record, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : record.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    /** {@code record} written with its own schema in the Confluent wire format under {@code schemaId}. */
    public static byte[] framed(int schemaId, GenericData.Record record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericData.Record>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The schema id in a wire-format record. */
    public static int schemaIdOf(byte[] framed) {
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
