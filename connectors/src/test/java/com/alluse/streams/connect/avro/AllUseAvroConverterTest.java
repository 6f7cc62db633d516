package com.alluse.streams.connect.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import com.alluse.streams.serde.SpecificAvroSerializer;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AllUseAvroConverterTest {
    private static final String SCOPE = "avro-converter-test";
    private static final String TOPIC = "alluse.portfolio-events";
    private static final Map<String, String> CONFIG = Map.of("schema.registry.url", "mock://" + SCOPE);

    private final AllUseAvroConverter converter = new AllUseAvroConverter();

    @AfterEach
    void dropRegistry() {
        converter.close();
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    private static byte[] serialized(PortfolioEvent event) {
        try (SpecificAvroSerializer<PortfolioEvent> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(CONFIG, false);
            return serializer.serialize(TOPIC, event);
        }
    }

    private static PortfolioEvent fork() {
        return PortfolioEvent.newBuilder()
                .setEventId("c7/0")
                .setPortfolioId("P1")
                .setCommandId("c7")
                .setEventTimeMs(1_790_000_000_000L)
                .setPayload(
                        new ForkCompleted("F1", "P1:GEN", 5_000_012L, "P1:F1:GEN", 2_500_006L, "P1:F1:COM", 2_500_006L))
                .build();
    }

    @Test
    void shouldReadAnEventIntoAStructWithItsUnionAsAStructAndCentsAsInt64() {
        converter.configure(CONFIG, false);

        SchemaAndValue data = converter.toConnectData(TOPIC, serialized(fork()));

        Struct value = (Struct) data.value();
        assertThat(value.getString("eventId")).isEqualTo("c7/0");
        Struct fork = value.getStruct("payload").getStruct("ForkCompleted");
        assertThat(value.getStruct("payload").getStruct("MergeCompleted")).isNull();
        assertThat(fork.schema().field("surplusCents").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(fork.getInt64("surplusCents")).isEqualTo(5_000_012L);
    }

    @Test
    void shouldKeepATombstoneNullWhenTheValueIsNull() {
        converter.configure(CONFIG, false);

        assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void shouldRaiseADataExceptionWhenTheBytesAreNotConfluentAvro() {
        converter.configure(CONFIG, false);

        assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {1, 2, 3, 4, 5, 6}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(TOPIC);
    }

    @Test
    void shouldRefuseToWriteWhenAskedForAvro() {
        converter.configure(CONFIG, false);

        assertThatThrownBy(() -> converter.fromConnectData(TOPIC, Schema.STRING_SCHEMA, "x"))
                .isInstanceOf(DataException.class);
    }
}
