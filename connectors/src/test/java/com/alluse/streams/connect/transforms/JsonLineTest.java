package com.alluse.streams.connect.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class JsonLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema STATE = SchemaBuilder.struct()
            .name("AccountState")
            .field("accountId", Schema.STRING_SCHEMA)
            .field("balanceCents", Schema.INT64_SCHEMA)
            .build();
    private static final long TIME_MS = 1_790_000_000_017L;

    private final JsonLine<SinkRecord> transform = new JsonLine<>();

    private static SinkRecord record(Schema valueSchema, Object value) {
        return new SinkRecord(
                "alluse.account-state",
                2,
                Schema.STRING_SCHEMA,
                "A1",
                valueSchema,
                value,
                41,
                TIME_MS,
                TimestampType.CREATE_TIME);
    }

    private static JsonNode line(SinkRecord transformed) throws Exception {
        assertThat(transformed.valueSchema()).isEqualTo(Schema.STRING_SCHEMA);
        String text = (String) transformed.value();
        assertThat(text).doesNotContain("\n");
        return JSON.readTree(text);
    }

    @Test
    void shouldWriteTheRecordAttributesThenTheValueFieldsWithIntegerCents() throws Exception {
        Struct state = new Struct(STATE).put("accountId", "A1").put("balanceCents", 10_000_001L);

        SinkRecord transformed = transform.apply(record(STATE, state));

        assertThat(line(transformed).toString())
                .isEqualTo("{\"_topic\":\"alluse.account-state\",\"_partition\":2,\"_offset\":41,"
                        + "\"_timestamp\":\"2026-09-21T14:13:20.017Z\",\"_key\":\"A1\","
                        + "\"accountId\":\"A1\",\"balanceCents\":10000001}");
        assertThat(transformed.key()).isEqualTo("A1");
        assertThat(transformed.kafkaOffset()).isEqualTo(41);
    }

    @Test
    void shouldMarkATombstoneWhenTheValueIsNull() throws Exception {
        JsonNode line = line(transform.apply(record(null, null)));

        assertThat(line.get(JsonLine.TOMBSTONE).asBoolean()).isTrue();
        assertThat(line.get(JsonLine.KEY).asText()).isEqualTo("A1");
        assertThat(line.has("balanceCents")).isFalse();
    }

    @Test
    void shouldPutAValueUnderValueWhenItIsNoStruct() throws Exception {
        JsonNode line = line(transform.apply(record(Schema.INT64_SCHEMA, 12L)));

        assertThat(line.get(JsonLine.VALUE).asLong()).isEqualTo(12L);
    }

    @Test
    void shouldRefuseAValueWhenAFieldHasTheNameOfARecordAttribute() {
        Schema clashing =
                SchemaBuilder.struct().field("_key", Schema.STRING_SCHEMA).build();

        assertThatThrownBy(() -> transform.apply(record(clashing, new Struct(clashing).put("_key", "x"))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'_key'");
    }
}
