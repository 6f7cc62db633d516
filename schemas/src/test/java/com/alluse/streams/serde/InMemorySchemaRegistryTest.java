package com.alluse.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.CalendarEvent;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void shouldGiveTheSameSchemaTheSameIdUnderEverySubject() {
        int first = registry.register("a-value", CalendarEvent.getClassSchema());

        assertThat(registry.register("b-value", CalendarEvent.getClassSchema())).isEqualTo(first);
        assertThat(registry.register("c-value", TestSchemas.calendarEventWithOptionalField()))
                .isNotEqualTo(first);
    }

    @Test
    void shouldRegisterASchemaObjectAsANewVersionOnceAPropWasAddedToIt() {
        Schema schema = new Schema.Parser().parse(CalendarEvent.getClassSchema().toString());
        int before = registry.register("a-value", schema);
        assertThat(registry.register("a-value", schema)).isEqualTo(before);

        schema.addProp("owner", "ledger-team");

        int after = registry.register("a-value", schema);
        assertThat(after).isNotEqualTo(before);
        assertThat(registry.getId("a-value", schema)).isEqualTo(after);
        assertThat(registry.getAllVersions("a-value")).hasSize(2);
    }

    @Test
    void shouldNumberVersionsPerSubjectFromOne() {
        registry.register("a-value", CalendarEvent.getClassSchema());
        registry.register("a-value", TestSchemas.calendarEventWithOptionalField());

        assertThat(registry.getAllVersions("a-value"))
                .extracting(RegisteredSchema::version)
                .containsExactly(1, 2);
    }

    @Test
    void shouldCheckOnlyTheLatestVersionUnlessTransitive() {
        // v1 -> v2 adds a defaulted field, v3 drops that field's default: fine against v2 only.
        registry.register("s", CalendarEvent.getClassSchema());
        registry.register("s", TestSchemas.calendarEventWithOptionalField());
        registry.register("t", CalendarEvent.getClassSchema());
        registry.register("t", TestSchemas.calendarEventWithOptionalField());
        registry.setCompatibility("t", CompatibilityLevel.BACKWARD_TRANSITIVE);

        assertThat(registry.register("s", TestSchemas.calendarEventWithRequiredField()))
                .isPositive();
        assertThatThrownBy(() -> registry.register("t", TestSchemas.calendarEventWithRequiredField()))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("BACKWARD_TRANSITIVE");
    }

    @Test
    void shouldApplyForwardAndNone() {
        registry.register("f", TestSchemas.calendarEventWithoutKindDefault());
        registry.setCompatibility("f", CompatibilityLevel.FORWARD);
        registry.register("n", TestSchemas.calendarEventWithoutPeriodId());
        registry.setCompatibility("n", CompatibilityLevel.NONE);

        // The old schema cannot read an enum symbol it does not know and has no default for: FORWARD refuses it.
        assertThatThrownBy(() -> registry.register("f", TestSchemas.calendarEventWithExtraKind()))
                .isInstanceOf(IncompatibleSchemaException.class);
        // The old schema can read data of a schema with a required extra field: FORWARD accepts it.
        assertThat(registry.register("f", TestSchemas.calendarEventWithRequiredField()))
                .isPositive();
        assertThat(registry.register("n", CalendarEvent.getClassSchema())).isPositive();
    }

    @Test
    void shouldRefuseRegistrationsBeyondItsBound() {
        InMemorySchemaRegistry small = new InMemorySchemaRegistry(1);
        small.register("a", CalendarEvent.getClassSchema());

        assertThat(small.register("a", CalendarEvent.getClassSchema())).isEqualTo(1); // already there: no new version
        assertThatThrownBy(() -> small.register("b", CalendarEvent.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("full");
    }

    @Test
    void shouldShareARegistryPerScopeUntilTheScopeIsDropped() {
        String scope = "scope-" + UUID.randomUUID();
        InMemorySchemaRegistry first = InMemorySchemaRegistry.forScope(scope);
        first.register("a", CalendarEvent.getClassSchema());

        assertThat(InMemorySchemaRegistry.forScope(scope)).isSameAs(first);
        InMemorySchemaRegistry.dropScope(scope);
        assertThat(InMemorySchemaRegistry.forScope(scope).subjects()).isEmpty();
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void shouldKeepItsOwnCopyOfARegisteredSchema() {
        org.apache.avro.Schema schema = TestSchemas.calendarEventWithOptionalField();
        int id = registry.register("a", schema);
        schema.addProp("later", "change");

        assertThat(registry.getSchemaById(id).getProp("later")).isNull();
    }
}
