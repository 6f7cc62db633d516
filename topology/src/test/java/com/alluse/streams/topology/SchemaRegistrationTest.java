package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.serde.CompatibilityLevel;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import com.alluse.streams.serde.IncompatibleSchemaException;
import com.alluse.streams.topology.SchemaRegistration.SubjectStatus;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registration of the public schemas against the in-memory registry of {@code mock://}. */
class SchemaRegistrationTest {
    private static final String SCOPE = "schema-registration-test";
    private static final TopicNames TOPICS = TopicNames.DEFAULT;
    private static final List<String> VALUE_SUBJECTS = List.of(
            "alluse.account-state-value",
            "alluse.broker-snapshots-value",
            "alluse.calendar-value",
            "alluse.command-results-value",
            "alluse.commands-value",
            "alluse.dlq-value",
            "alluse.ledger-value",
            "alluse.market-executions-value",
            "alluse.market-instructions-value",
            "alluse.portfolio-events-value",
            "alluse.reconciliation-value",
            "alluse.strategy-events-value");

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(SCOPE);

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    private static SchemaRegistration registration() {
        return SchemaRegistration.open(Map.of("schema.registry.url", "mock://" + SCOPE), TOPICS);
    }

    @Test
    void shouldRegisterTheValueSchemaOfEveryPipelineTopicInputsIncluded() {
        try (SchemaRegistration registration = registration()) {
            registration.registerAll();
        }

        assertThat(registry.subjects()).containsExactlyElementsOf(VALUE_SUBJECTS);
        assertThat(registry.getLatestVersion("alluse.commands-value").schema())
                .isEqualTo(AccountCommand.getClassSchema());
        assertThat(registry.getLatestVersion("alluse.calendar-value").schema())
                .isEqualTo(CalendarEvent.getClassSchema());
    }

    @Test
    void shouldSetTheSubjectsItCreatesToFullCompatibility() {
        try (SchemaRegistration registration = registration()) {
            registration.registerAll();
        }

        assertThat(VALUE_SUBJECTS)
                .allSatisfy(
                        subject -> assertThat(registry.compatibility(subject)).isEqualTo(CompatibilityLevel.FULL));
    }

    @Test
    void shouldKeepTheCompatibilityLevelOfAnExistingSubject() {
        registry.setCompatibility("alluse.commands-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
        registry.register("alluse.commands-value", AccountCommand.getClassSchema());

        try (SchemaRegistration registration = registration()) {
            registration.registerAll();
        }

        assertThat(registry.compatibility("alluse.commands-value")).isEqualTo(CompatibilityLevel.BACKWARD_TRANSITIVE);
    }

    @Test
    void shouldKeepTheIdsAndVersionsWhenRegisteringAgain() {
        List<SubjectStatus> first;
        List<SubjectStatus> second;
        try (SchemaRegistration registration = registration()) {
            first = registration.registerAll();
            second = registration.registerAll();
        }

        assertThat(second).isEqualTo(first);
        assertThat(second).allSatisfy(status -> {
            assertThat(status.latestIsRelease()).isTrue();
            assertThat(status.latest().orElseThrow().version()).isEqualTo(1);
        });
    }

    @Test
    void shouldRefuseARegisteredSchemaItCannotReadNamingTheSubjectAndTheVersion() {
        Schema foreign = SchemaBuilder.record("AccountCommand")
                .namespace("com.alluse.streams.avro")
                .fields()
                .requiredString("legacyId")
                .endRecord();
        registry.register("alluse.commands-value", foreign);

        try (SchemaRegistration registration = registration()) {
            assertThatThrownBy(registration::registerAll)
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("subject 'alluse.commands-value'")
                    .hasMessageContaining("this release's com.alluse.streams.avro.AccountCommand is refused")
                    .hasMessageContaining("latest registered: version 1 (id 1")
                    .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                    .hasMessageContaining("Deploy a release whose schemas are compatible");
        }
    }

    @Test
    void shouldListEverySubjectAsNotRegisteredBeforeRegistration() {
        try (SchemaRegistration registration = registration()) {
            assertThat(registration.list()).hasSize(VALUE_SUBJECTS.size()).allSatisfy(status -> {
                assertThat(status.latest()).isEmpty();
                assertThat(status.releaseSchemaId()).isEmpty();
            });
        }
    }

    @Test
    void shouldListWhenTheLatestVersionIsNotThisReleasesSchema() {
        Schema newer = SchemaBuilder.record("CalendarEvent")
                .namespace("com.alluse.streams.avro")
                .fields()
                .requiredString("eventId")
                .endRecord();
        try (SchemaRegistration registration = registration()) {
            registration.registerAll();
            registry.setCompatibility("alluse.calendar-value", CompatibilityLevel.NONE);
            registry.register("alluse.calendar-value", newer);

            SubjectStatus calendar = registration.list().get(1);

            assertThat(calendar.type().subject()).isEqualTo("alluse.calendar-value");
            assertThat(calendar.latestIsRelease()).isFalse();
            assertThat(calendar.latest().orElseThrow().version()).isEqualTo(2);
            assertThat(calendar.releaseSchemaId()).isPresent();
        }
    }
}
