package com.alluse.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.Deposit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One contract for every registry implementation the serdes meet: the in-process mock://, the
 * in-memory HTTP server and a real registry (Apicurio, through its Confluent-compatible API). Each
 * test uses its own subjects, so a shared registry needs no cleanup.
 */
public abstract class SchemaRegistryContract {

    /** The {@code schema.registry.url} of the registry under test. */
    protected abstract String registryUrl();

    private SchemaRegistryClient client;
    private String topic;
    private String subject;

    @BeforeEach
    public void createClient() {
        client = SchemaRegistryClients.create(SchemaRegistryConfig.fromMap(config()));
        topic = "contract-" + UUID.randomUUID();
        subject = topic + "-value";
    }

    @AfterEach
    public void closeClient() {
        client.close();
    }

    protected Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaRegistryConfig.SCHEMA_REGISTRY_URL, registryUrl());
        config.put(SchemaRegistryConfig.RETRIES_WAIT_MS, 10);
        config.put(SchemaRegistryConfig.RETRIES_MAX_WAIT_MS, 100);
        return config;
    }

    @Test
    public void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        int id = client.register(subject, CalendarEvent.getClassSchema());

        assertThat(client.register(subject, CalendarEvent.getClassSchema())).isEqualTo(id);
        assertThat(client.getLatestVersion(subject).version()).isEqualTo(1);
    }

    @Test
    public void shouldFindARegisteredSchemaByLookupAndById() {
        int id = client.register(subject, CalendarEvent.getClassSchema());

        try (SchemaRegistryClient fresh = SchemaRegistryClients.create(SchemaRegistryConfig.fromMap(config()))) {
            assertThat(fresh.getId(subject, CalendarEvent.getClassSchema())).isEqualTo(id);
            assertThat(fresh.getSchemaById(id)).isEqualTo(CalendarEvent.getClassSchema());
        }
    }

    @Test
    public void shouldReportAnUnknownSubjectAsSchemaNotFound() {
        assertThatThrownBy(() -> client.getLatestVersion(subject)).isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> client.getId(subject, CalendarEvent.getClassSchema()))
                .isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    public void shouldReportASchemaNotUnderTheSubjectAsSchemaNotFound() {
        client.register(subject, CalendarEvent.getClassSchema());

        assertThatThrownBy(() -> client.getId(subject, TestSchemas.calendarEventWithOptionalField()))
                .isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    public void shouldReportAnUnknownSchemaIdAsSchemaNotFound() {
        assertThatThrownBy(() -> client.getSchemaById(987_654_321)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    public void shouldAcceptACompatibleEvolutionAsTheNewLatestVersion() {
        int v1 = client.register(subject, CalendarEvent.getClassSchema());
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);

        Schema evolved = TestSchemas.calendarEventWithOptionalField();
        int v2 = client.register(subject, evolved);

        RegisteredSchema latest = client.getLatestVersion(subject);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(latest.id()).isEqualTo(v2);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.schema()).isEqualTo(evolved);
    }

    @Test
    public void shouldRejectIncompatibleSchemaWith409() {
        client.register(subject, CalendarEvent.getClassSchema());
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);

        assertThatThrownBy(() -> client.register(subject, TestSchemas.calendarEventWithRequiredField()))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.subject()).isEqualTo(subject);
                    assertThat(e.httpStatus()).isEqualTo(409);
                })
                .hasMessageContaining(subject);
        assertThat(client.getLatestVersion(subject).version()).isEqualTo(1);
    }

    @Test
    public void shouldRoundTripARecordThroughTheSerdeWithTheRegisteredId() {
        AccountCommand command = Samples.command("cmd-1", new Deposit("P-1-GEN", 100L));
        try (SpecificAvroSerde<AccountCommand> serde = AvroSerdes.specific(AccountCommand.class, config(), false)) {
            byte[] bytes = serde.serializer().serialize(topic, command);

            assertThat(bytes[0]).isZero();
            assertThat(TestSchemas.schemaIdOf(bytes)).isEqualTo(client.getId(subject, AccountCommand.getClassSchema()));
            assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(command);
        }
    }

    @Test
    public void shouldRefuseToSerializeASchemaTheSubjectDoesNotAccept() {
        client.register(subject, TestSchemas.calendarEventWithoutPeriodId());

        try (SpecificAvroSerde<CalendarEvent> serde = AvroSerdes.specific(CalendarEvent.class, config(), false)) {
            // The generated class cannot read events without a periodId already on the topic: BACKWARD refuses it.
            assertThatThrownBy(() -> serde.serializer().serialize(topic, Samples.calendarEvent()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(subject)
                    .hasCauseInstanceOf(IncompatibleSchemaException.class);
        }
    }

    @Test
    public void shouldReadRecordsWrittenWithAnOlderSchemaIntoTheCurrentClass() {
        Schema old = TestSchemas.accountStateBeforeReinvestmentFields();
        int oldId = client.register(subject, old);
        AccountState current = Samples.accountState().build();
        GenericData.Record oldRecord = new GenericData.Record(old);
        for (Schema.Field field : old.getFields()) {
            Object value = current.get(field.name());
            oldRecord.put(
                    field.name(),
                    value instanceof Enum<?> e ? new GenericData.EnumSymbol(field.schema(), e.name()) : value);
        }

        try (SpecificAvroSerde<AccountState> serde = AvroSerdes.specific(AccountState.class, config(), false)) {
            AccountState read = serde.deserializer().deserialize(topic, TestSchemas.framed(oldId, oldRecord));

            assertThat(read).isEqualTo(current); // the added fields took their defaults (0)
            assertThat(read.getReinvestedContractsCents()).isZero();
        }
    }

    @Test
    public void shouldWriteWithTheLatestVersionWhenUseLatestVersionIsSet() {
        client.register(subject, CalendarEvent.getClassSchema());
        int latestId = client.register(subject, TestSchemas.calendarEventWithOptionalField());
        Map<String, Object> config = config();
        config.put(SchemaRegistryConfig.AUTO_REGISTER_SCHEMAS, false);
        config.put(SchemaRegistryConfig.USE_LATEST_VERSION, true);

        try (SpecificAvroSerde<CalendarEvent> serde = AvroSerdes.specific(CalendarEvent.class, config, false)) {
            byte[] bytes = serde.serializer().serialize(topic, Samples.calendarEvent());

            assertThat(TestSchemas.schemaIdOf(bytes)).isEqualTo(latestId);
            assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(Samples.calendarEvent());
        }
    }
}
