package com.alluse.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.Deposit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Serde behaviour beyond the registry contract, against mock://. */
class SpecificAvroSerdeTest {
    private final String scope = "serde-" + UUID.randomUUID();
    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", "mock://" + scope);
        return config;
    }

    @Test
    void shouldPassNullThroughForTombstones() {
        try (SpecificAvroSerde<CalendarEvent> serde = AvroSerdes.specific(CalendarEvent.class, config(), false)) {
            assertThat(serde.serializer().serialize("t", null)).isNull();
            assertThat(serde.deserializer().deserialize("t", null)).isNull();
        }
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void shouldRegisterUnderTopicKeyAndTopicValueSubjects() {
        try (Serde<CalendarEvent> keys = AvroSerdes.specific(CalendarEvent.class, config(), true);
                Serde<CalendarEvent> values = AvroSerdes.specific(CalendarEvent.class, config(), false)) {
            keys.serializer().serialize("alluse.calendar", Samples.calendarEvent());
            values.serializer().serialize("alluse.calendar", Samples.calendarEvent());
        }
        assertThat(registry.subjects()).containsExactly("alluse.calendar-key", "alluse.calendar-value");
    }

    @Test
    void shouldShareOneMockRegistryPerScopeAcrossSerdeInstances() {
        byte[] bytes;
        try (Serde<CalendarEvent> writer = AvroSerdes.specific(CalendarEvent.class, config(), false)) {
            bytes = writer.serializer().serialize("alluse.calendar", Samples.calendarEvent());
        }
        SpecificAvroDeserializer<CalendarEvent> reader = new SpecificAvroDeserializer<>();
        reader.configure(config(), false);
        assertThat(reader.deserialize("alluse.calendar", bytes)).isEqualTo(Samples.calendarEvent());
        reader.close();
    }

    @Test
    void shouldRefuseToRegisterWhenAutoRegisterIsOffAndTheSchemaIsUnknown() {
        Map<String, Object> config = config();
        config.put("auto.register.schemas", "false");
        try (Serde<CalendarEvent> serde = AvroSerdes.specific(CalendarEvent.class, config, false)) {
            assertThatThrownBy(() -> serde.serializer().serialize("alluse.calendar", Samples.calendarEvent()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("not registered under subject 'alluse.calendar-value'");
        }
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    void shouldUseTheAlreadyRegisteredIdWhenAutoRegisterIsOff() {
        int id = registry.register("alluse.calendar-value", CalendarEvent.getClassSchema());
        Map<String, Object> config = config();
        config.put("auto.register.schemas", false);
        try (Serde<CalendarEvent> serde = AvroSerdes.specific(CalendarEvent.class, config, false)) {
            byte[] bytes = serde.serializer().serialize("alluse.calendar", Samples.calendarEvent());
            assertThat(TestSchemas.schemaIdOf(bytes)).isEqualTo(id);
        }
    }

    @Test
    void shouldUseTheLatestIdWhenItIsTheRecordsOwnSchema() {
        registry.register("alluse.calendar-value", TestSchemas.calendarEventWithOptionalField());
        int latest = registry.register("alluse.calendar-value", CalendarEvent.getClassSchema());
        Map<String, Object> config = config();
        config.put("auto.register.schemas", false);
        config.put("use.latest.version", true);
        try (Serde<CalendarEvent> serde = AvroSerdes.specific(CalendarEvent.class, config, false)) {
            byte[] bytes = serde.serializer().serialize("alluse.calendar", Samples.calendarEvent());
            assertThat(TestSchemas.schemaIdOf(bytes)).isEqualTo(latest);
            assertThat(serde.deserializer().deserialize("alluse.calendar", bytes))
                    .isEqualTo(Samples.calendarEvent());
        }
        assertThat(registry.getAllVersions("alluse.calendar-value")).hasSize(2);
    }

    @Test
    void shouldFailClearlyWhenUseLatestVersionFindsNoSubject() {
        Map<String, Object> config = config();
        config.put("auto.register.schemas", false);
        config.put("use.latest.version", true);
        try (Serde<CalendarEvent> serde = AvroSerdes.specific(CalendarEvent.class, config, false)) {
            assertThatThrownBy(() -> serde.serializer().serialize("alluse.calendar", Samples.calendarEvent()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("alluse.calendar-value");
        }
    }

    @Test
    void shouldFailClearlyWhenTheLatestVersionCannotHoldTheRecord() {
        // Latest has a required field the record lacks: rewriting the record in it is impossible.
        registry.setCompatibility("alluse.calendar-value", CompatibilityLevel.NONE);
        registry.register("alluse.calendar-value", TestSchemas.calendarEventWithRequiredField());
        Map<String, Object> config = config();
        config.put("auto.register.schemas", false);
        config.put("use.latest.version", true);
        try (Serde<CalendarEvent> serde = AvroSerdes.specific(CalendarEvent.class, config, false)) {
            assertThatThrownBy(() -> serde.serializer().serialize("alluse.calendar", Samples.calendarEvent()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("Latest version 1")
                    .hasMessageContaining("alluse.calendar-value");
        }
    }

    @Test
    void shouldRejectABadMagicByte() {
        byte[] bytes = serializedCalendarEvent();
        bytes[0] = 1;
        assertThatThrownBy(() -> deserializer().deserialize("alluse.calendar", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte");
    }

    @Test
    void shouldRejectInputShorterThanTheHeader() {
        assertThatThrownBy(() -> deserializer().deserialize("alluse.calendar", new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes");
    }

    @Test
    void shouldRejectAnUnknownSchemaId() {
        byte[] bytes = serializedCalendarEvent();
        bytes[4] = 99;
        assertThatThrownBy(() -> deserializer().deserialize("alluse.calendar", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id");
    }

    @Test
    void shouldRejectATruncatedBody() {
        byte[] bytes = serializedCalendarEvent();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
        assertThatThrownBy(() -> deserializer().deserialize("alluse.calendar", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot decode");
    }

    @Test
    void shouldRejectTrailingBytes() {
        byte[] bytes = Arrays.copyOf(serializedCalendarEvent(), serializedCalendarEvent().length + 2);
        assertThatThrownBy(() -> deserializer().deserialize("alluse.calendar", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("bytes left");
    }

    @Test
    void shouldRejectARecordOfAnotherTypeThanTheExpectedOne() {
        byte[] bytes = serializedCalendarEvent();
        try (Serde<AccountCommand> commands = AvroSerdes.specific(AccountCommand.class, config(), false)) {
            assertThatThrownBy(() -> commands.deserializer().deserialize("alluse.calendar", bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("not the expected com.alluse.streams.avro.AccountCommand");
        }
    }

    @Test
    void shouldRejectAWriterSchemaWithoutGeneratedClass() {
        org.apache.avro.Schema unknown = org.apache.avro.SchemaBuilder.record("Unknown")
                .namespace("elsewhere")
                .fields()
                .requiredString("x")
                .endRecord();
        int id = registry.register("t-value", unknown);
        GenericData.Record record = new GenericData.Record(unknown);
        record.put("x", "y");
        SpecificAvroDeserializer<CalendarEvent> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(config(), false);
        assertThatThrownBy(() -> deserializer.deserialize("t", TestSchemas.framed(id, record)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("No generated Avro class for elsewhere.Unknown");
    }

    @Test
    void shouldWrapARecordAvroCannotWriteInASerializationException() {
        AccountCommand invalid = Samples.command("c", new Deposit("A", 1L));
        invalid.setPortfolioId(null);
        try (Serde<AccountCommand> serde = AvroSerdes.specific(AccountCommand.class, config(), false)) {
            assertThatThrownBy(() -> serde.serializer().serialize("alluse.commands", invalid))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("AccountCommand");
        }
    }

    @Test
    void shouldRefuseGenericReading() {
        Map<String, Object> config = config();
        config.put("specific.avro.reader", "false");
        assertThatThrownBy(() -> AvroSerdes.specific(config, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("specific.avro.reader");
    }

    @Test
    void shouldExplainThatAnUnconfiguredSerializerNeedsConfigure() {
        assertThatThrownBy(() -> new SpecificAvroSerializer<CalendarEvent>().serialize("t", Samples.calendarEvent()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
    }

    private byte[] serializedCalendarEvent() {
        try (Serde<CalendarEvent> serde = AvroSerdes.specific(CalendarEvent.class, config(), false)) {
            return serde.serializer().serialize("alluse.calendar", Samples.calendarEvent());
        }
    }

    private SpecificAvroDeserializer<CalendarEvent> deserializer() {
        SpecificAvroDeserializer<CalendarEvent> deserializer = new SpecificAvroDeserializer<>(CalendarEvent.class);
        deserializer.configure(config(), false);
        return deserializer;
    }
}
