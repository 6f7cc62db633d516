package com.alluse.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record type, every union branch, with nulls and non-nulls, through serializer and deserializer. */
class SpecificAvroSerdeRoundTripTest {
    private static final String SCOPE = "round-trip-" + UUID.randomUUID();
    private static final Map<String, Object> CONFIG = Map.of("schema.registry.url", "mock://" + SCOPE);

    static java.util.stream.Stream<org.junit.jupiter.api.Named<SpecificRecord>> samples() {
        return Samples.all();
    }

    @AfterAll
    static void dropScope() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldReadBackAnEqualRecordFramedWithTheRegisteredSchemaId(SpecificRecord record) {
        String topic = "alluse." + record.getClass().getSimpleName();
        try (SpecificAvroSerde<SpecificRecord> serde = AvroSerdes.specific(CONFIG, false)) {
            byte[] bytes = serde.serializer().serialize(topic, record);
            SpecificRecord read = serde.deserializer().deserialize(topic, bytes);

            assertThat(bytes[0]).as("magic byte").isZero();
            assertThat(TestSchemas.schemaIdOf(bytes))
                    .as("schema id")
                    .isEqualTo(InMemorySchemaRegistry.forScope(SCOPE).getId(topic + "-value", record.getSchema()));
            assertThat(read).isInstanceOf(record.getClass()).isEqualTo(record);
        }
    }
}
