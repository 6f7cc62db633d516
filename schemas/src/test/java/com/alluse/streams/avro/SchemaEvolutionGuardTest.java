package com.alluse.streams.avro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema evolution guard: every top-level schema must stay FULL compatible with its released
 * version. BACKWARD: the current class reads data written with the release, so consumers deployed
 * with a new version still read everything already on the topics and in the changelogs. FORWARD:
 * readers still on the release read data written with the current schema, so other teams'
 * consumers keep working when we add a field or an enum symbol (every enum has a default).
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
                        "com.alluse.streams.avro.StrategyEvent",
                        "com.alluse.streams.avro.BrokerSnapshot",
                        "com.alluse.streams.avro.ReconciliationResult",
                        "com.alluse.streams.avro.MarketInstruction",
                        "com.alluse.streams.avro.ExecutionReport",
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevelRecords")
    void shouldWriteDataReadersOfTheReleasedSchemaRead(String fullName) {
        List<String> problems =
                ReleasedSchemas.forwardProblems(ReleasedSchemas.currentSchema(fullName), RELEASED.released(fullName));
        assertThat(problems)
                .withFailMessage(
                        "%s is not FORWARD compatible with its released schema %s:%n  %s%n"
                                + "Readers on the release must read new data: remove only fields with defaults,"
                                + " add enum symbols only to enums with a default, add no union branch.",
                        fullName, RELEASED.releasedFile(fullName), String.join("\n  ", problems))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevelRecords")
    void shouldKeepEveryReleasedEnumSymbol(String fullName) {
        List<String> removed = ReleasedSchemas.removedEnumSymbols(
                ReleasedSchemas.currentSchema(fullName), RELEASED.released(fullName));

        assertThat(removed)
                .withFailMessage(
                        "%s removes enum symbols %s: data already written with them would be read as the default",
                        fullName, removed)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevelRecords")
    void shouldGiveEveryEnumADefaultSoThatOlderReadersReadNewSymbols(String fullName) {
        List<String> withoutDefault = ReleasedSchemas.enums(ReleasedSchemas.currentSchema(fullName)).stream()
                .filter(e -> e.getEnumDefault() == null)
                .map(Schema::getFullName)
                .toList();

        assertThat(withoutDefault)
                .withFailMessage(
                        "%s holds enums without a default %s: a reader on this version would fail on a new symbol",
                        fullName, withoutDefault)
                .isEmpty();
    }

    @Test
    void shouldRejectANewEnumSymbolWhenTheReleasedEnumHasNoDefault() throws Exception {
        ObjectNode released = releasedJson("com.alluse.streams.avro.LedgerEntry");
        enumNode(released, "LedgerEntryType").remove("default");
        ObjectNode current = released.deepCopy();
        ((ArrayNode) enumNode(current, "LedgerEntryType").get("symbols")).add("INTEREST");

        List<String> problems = ReleasedSchemas.forwardProblems(parse(current), parse(released));

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("MISSING_ENUM_SYMBOLS")
                .contains("INTEREST");
    }

    @Test
    void shouldAcceptANewEnumSymbolWhenTheReleasedEnumHasADefault() throws Exception {
        ObjectNode current = releasedJson("com.alluse.streams.avro.LedgerEntry");
        ((ArrayNode) enumNode(current, "LedgerEntryType").get("symbols")).add("INTEREST");

        assertThat(ReleasedSchemas.fullProblems(
                        parse(current), RELEASED.released("com.alluse.streams.avro.LedgerEntry")))
                .isEmpty();
    }

    @Test
    void shouldRejectANewUnionBranchAsForwardIncompatible() throws Exception {
        ObjectNode current = releasedJson("com.alluse.streams.avro.PortfolioEvent");
        ((ArrayNode) field(current, "payload").get("type"))
                .addObject()
                .put("type", "record")
                .put("name", "AccountAudited")
                .putArray("fields");

        List<String> problems = ReleasedSchemas.forwardProblems(
                parse(current), RELEASED.released("com.alluse.streams.avro.PortfolioEvent"));

        assertThat(problems).singleElement().asString().contains("MISSING_UNION_BRANCH");
    }

    @Test
    void shouldReadNewEnumSymbolsAsTheDefaultsWithTheReleasedClasses() throws Exception {
        ObjectNode newer = releasedJson("com.alluse.streams.avro.CommandResult");
        ((ArrayNode) enumNode(newer, "CommandOutcome").get("symbols")).add("PENDING");
        ((ArrayNode) enumNode(newer, "ReasonCode").get("symbols")).add("RATE_LIMITED");
        Schema writer = parse(newer);
        GenericRecord written = new GenericRecordBuilder(writer)
                .set("commandId", "c1")
                .set("portfolioId", "P1")
                .set("commandKind", "DEPOSIT")
                .set(
                        "outcome",
                        new GenericData.EnumSymbol(writer.getField("outcome").schema(), "PENDING"))
                .set(
                        "reasonCode",
                        new GenericData.EnumSymbol(
                                writer.getField("reasonCode")
                                        .schema()
                                        .getTypes()
                                        .get(1),
                                "RATE_LIMITED"))
                .set("commandPartition", 0)
                .set("commandOffset", 7L)
                .set("eventTimeMs", 1L)
                .build();

        CommandResult read = readAs(CommandResult.class, writer, written);

        assertThat(read.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(read.getReasonCode()).isEqualTo(ReasonCode.INVALID_COMMAND);
        assertThat(read.getCommandOffset()).isEqualTo(7L);
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
    void shouldRejectARemovedEnumSymbolThatAvroAcceptsBecauseOfTheDefault() throws Exception {
        ObjectNode released = releasedJson("com.alluse.streams.avro.LedgerEntry");
        ObjectNode entryType = (ObjectNode) field(released, "entryType").get("type");
        ArrayNode symbols = (ArrayNode) entryType.get("symbols");
        symbols.remove(symbols.size() - 1); // REINVESTMENT

        List<String> removed = ReleasedSchemas.removedEnumSymbols(
                parse(released), RELEASED.released("com.alluse.streams.avro.LedgerEntry"));

        assertThat(removed).containsExactly("com.alluse.streams.avro.LedgerEntryType.REINVESTMENT");
    }

    private static ObjectNode releasedJson(String fullName) throws Exception {
        return (ObjectNode)
                new ObjectMapper().readTree(RELEASED.releasedFile(fullName).toFile());
    }

    /** The definition of the named enum, wherever the self-contained schema inlines it. */
    private static ObjectNode enumNode(JsonNode node, String name) {
        if (node instanceof ObjectNode object
                && "enum".equals(object.path("type").asText())
                && name.equals(object.path("name").asText())) {
            return object;
        }
        for (JsonNode child : node) {
            ObjectNode found = child.isContainerNode() ? enumNodeOrNull(child, name) : null;
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no enum " + name);
    }

    private static ObjectNode enumNodeOrNull(JsonNode node, String name) {
        try {
            return enumNode(node, name);
        } catch (AssertionError e) {
            return null;
        }
    }

    private static <T> T readAs(Class<T> type, Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        SpecificDatumReader<T> reader =
                new SpecificDatumReader<>(writer, SpecificData.get().getSchema(type));
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
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
