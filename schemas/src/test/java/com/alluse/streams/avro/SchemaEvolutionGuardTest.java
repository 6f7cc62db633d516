package com.alluse.streams.avro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema evolution guard: every top-level schema must stay BACKWARD compatible with its released
 * version (the current class must read data written with the release), so consumers deployed with
 * a new version still read everything already on the topics and in the changelogs.
 */
class SchemaEvolutionGuardTest {
    private static final ReleasedSchemas RELEASED = ReleasedSchemas.locate();
    private static final String HOW_TO_RELEASE =
            "see schemas/README.md: release with exec:java -Dexec.mainClass=com.alluse.streams.avro.ReleasedSchemas";

    static Stream<String> topLevelRecords() {
        return RELEASED.topLevelRecordNames().stream();
    }

    @Test
    void shouldFindEveryTopLevelRecordOfTheProject() {
        assertThat(RELEASED.topLevelRecordNames())
                .contains(
                        "com.alluse.streams.avro.AccountCommand",
                        "com.alluse.streams.avro.CommandResult",
                        "com.alluse.streams.avro.LedgerEntry",
                        "com.alluse.streams.avro.AccountState",
                        "com.alluse.streams.avro.PortfolioEvent",
                        "com.alluse.streams.avro.CalendarEvent",
                        "com.alluse.streams.avro.DeadLetter",
                        "com.alluse.streams.avro.internal.PortfolioState",
                        "com.alluse.streams.avro.internal.CommandReceipt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevelRecords")
    void shouldHaveAReleasedSchemaForEveryTopLevelRecord(String fullName) {
        assertThat(Files.exists(RELEASED.releasedFile(fullName)))
                .withFailMessage(
                        "%s has no released schema %s; a new top-level record must be released (%s)",
                        fullName, RELEASED.releasedFile(fullName), HOW_TO_RELEASE)
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevelRecords")
    void shouldReadDataWrittenWithTheReleasedSchema(String fullName) {
        List<String> problems =
                ReleasedSchemas.backwardProblems(ReleasedSchemas.currentSchema(fullName), RELEASED.released(fullName));
        assertThat(problems)
                .withFailMessage(
                        "%s is not BACKWARD compatible with its released schema %s:%n  %s%n"
                                + "Give new fields defaults, keep removed fields' defaults, never remove enum symbols.",
                        fullName, RELEASED.releasedFile(fullName), String.join("\n  ", problems))
                .isEmpty();
    }

    @Test
    void shouldStillDefineEveryReleasedRecord() {
        assertThat(RELEASED.topLevelRecordNames())
                .withFailMessage(
                        "A released record was removed or renamed: its data on the topics would become unreadable")
                .containsAll(RELEASED.releasedNames());
    }

    @Test
    void shouldRejectANewFieldWithoutDefault() throws Exception {
        ObjectNode released = releasedJson("com.alluse.streams.avro.CalendarEvent");
        ((ArrayNode) released.get("fields")).addObject().put("name", "timezone").put("type", "string");

        List<String> problems = ReleasedSchemas.backwardProblems(
                parse(released), RELEASED.released("com.alluse.streams.avro.CalendarEvent"));

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("timezone");
    }

    @Test
    void shouldAcceptANewFieldWithDefault() throws Exception {
        ObjectNode released = releasedJson("com.alluse.streams.avro.CalendarEvent");
        ((ArrayNode) released.get("fields"))
                .addObject()
                .put("name", "timezone")
                .put("type", "string")
                .put("default", "UTC");

        assertThat(ReleasedSchemas.backwardProblems(
                        parse(released), RELEASED.released("com.alluse.streams.avro.CalendarEvent")))
                .isEmpty();
    }

    @Test
    void shouldRejectARemovedEnumSymbol() throws Exception {
        ObjectNode released = releasedJson("com.alluse.streams.avro.LedgerEntry");
        ObjectNode entryType = (ObjectNode) field(released, "entryType").get("type");
        ArrayNode symbols = (ArrayNode) entryType.get("symbols");
        symbols.remove(symbols.size() - 1); // REINVESTMENT

        List<String> problems = ReleasedSchemas.backwardProblems(
                parse(released), RELEASED.released("com.alluse.streams.avro.LedgerEntry"));

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("MISSING_ENUM_SYMBOLS")
                .contains("REINVESTMENT");
    }

    private static ObjectNode releasedJson(String fullName) throws Exception {
        return (ObjectNode)
                new ObjectMapper().readTree(RELEASED.releasedFile(fullName).toFile());
    }

    private static ObjectNode field(ObjectNode record, String name) {
        for (var field : record.get("fields")) {
            if (field.get("name").asText().equals(name)) {
                return (ObjectNode) field;
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static Schema parse(ObjectNode json) {
        return new Schema.Parser().parse(json.toString());
    }
}
