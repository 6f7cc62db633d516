package com.alluse.streams.connect.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.apicurio.registry.utils.converter.avro.AvroData;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ConnectJsonTest {
    private static final Schema FORK = SchemaBuilder.struct()
            .name("ForkCompleted")
            .optional()
            .field("surplusCents", Schema.INT64_SCHEMA)
            .build();
    private static final Schema MERGE = SchemaBuilder.struct()
            .name("MergeCompleted")
            .optional()
            .field("mergedCents", Schema.INT64_SCHEMA)
            .build();
    private static final Schema UNION = SchemaBuilder.struct()
            .name(AvroData.AVRO_TYPE_UNION)
            .field("ForkCompleted", FORK)
            .field("MergeCompleted", MERGE)
            .build();
    private static final Schema PLAIN = SchemaBuilder.struct()
            .name("Reinvestment")
            .optional()
            .field("contractsCents", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    private static final Schema EVENT = SchemaBuilder.struct()
            .name("Event")
            .field("eventId", Schema.STRING_SCHEMA)
            .field("payload", UNION)
            .field("history", SchemaBuilder.array(UNION).build())
            .field("byAccount", SchemaBuilder.map(Schema.STRING_SCHEMA, UNION).build())
            .field("reinvestment", PLAIN)
            .build();

    private final ConnectJson json = new ConnectJson();

    private static Struct fork(long cents) {
        return new Struct(UNION).put("ForkCompleted", new Struct(FORK).put("surplusCents", cents));
    }

    private static Struct merge(long cents) {
        return new Struct(UNION).put("MergeCompleted", new Struct(MERGE).put("mergedCents", cents));
    }

    @Test
    void shouldWriteEveryUnionAsItsSetMemberWithIntegerCentsWhereverItIsNested() {
        Struct event = new Struct(EVENT)
                .put("eventId", "c1/0")
                .put("payload", fork(9_007_199_254_740_993L)) // beyond a double's exact integers
                .put("history", List.of(merge(5L), fork(7L)))
                .put("byAccount", Map.of("A1", merge(3L)))
                .put("reinvestment", new Struct(PLAIN).put("contractsCents", null));

        JsonNode tree = json.toJson("t", EVENT, event);

        assertThat(tree.get("payload").properties()).hasSize(1);
        JsonNode surplus = tree.get("payload").get("ForkCompleted").get("surplusCents");
        assertThat(surplus.isIntegralNumber()).isTrue();
        assertThat(surplus.asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(tree.get("history").toString())
                .isEqualTo("[{\"MergeCompleted\":{\"mergedCents\":5}},{\"ForkCompleted\":{\"surplusCents\":7}}]");
        assertThat(tree.get("byAccount").toString()).isEqualTo("{\"A1\":{\"MergeCompleted\":{\"mergedCents\":3}}}");
        assertThat(tree.get("reinvestment").toString())
                .as("a null field of a plain struct stays, only unset union members go")
                .isEqualTo("{\"contractsCents\":null}");
    }

    @Test
    void shouldWriteNullWhenTheValueIsNull() {
        assertThat(json.toJson("t", null, null).isNull()).isTrue();
        assertThat(json.toJson("t", EVENT, null).isNull()).isTrue();
    }

    @Test
    void shouldWriteAStringAsAJsonStringWhenItHasNoSchema() {
        assertThat(json.toJson("t", null, "A1").asText()).isEqualTo("A1");
    }

    @Test
    void shouldRefuseAValueWhenItDoesNotMatchItsSchema() {
        assertThatThrownBy(() -> json.toJson("t", Schema.INT64_SCHEMA, "not a long"))
                .isInstanceOf(DataException.class);
    }
}
