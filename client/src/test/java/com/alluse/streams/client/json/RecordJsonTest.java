package com.alluse.streams.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.AccountType;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.OriginalResult;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.ReinvestmentSplit;
import com.alluse.streams.client.AccountCommands;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordJson renderer = new RecordJson();

    /** Compares as JSON text, so field order counts; the expected text may use ' for ". */
    private static void assertJson(JsonNode actual, String expected) throws Exception {
        assertThat(actual.toString())
                .isEqualTo(JSON.readTree(expected.replace('\'', '"')).toString());
    }

    static AccountState accountState(long balanceCents) {
        return AccountState.newBuilder()
                .setAccountId("P1:GEN")
                .setPortfolioId("P1")
                .setAccountType(AccountType.GENERATION)
                .setStatus(AccountStatus.ACTIVE)
                .setCloseReason(null)
                .setMain(true)
                .setParentAccountId(null)
                .setForkId(null)
                .setInitialCents(10_000_000L)
                .setPrincipalCents(10_000_000L)
                .setBalanceCents(balanceCents)
                .setCashBufferBps(500)
                .setCashBufferCents(500_000L)
                .setAvailableCents(balanceCents - 500_000L)
                .setLastSequence(2)
                .setBufferBreached(false)
                .setWeekStartBalanceCents(10_000_000L)
                .setWeekNetEarningsCents(-5L)
                .setPerformanceIndexNanos(1_000_000_000L)
                .setHighWaterMarkNanos(1_000_000_000L)
                .setDrawdownBreached(false)
                .setEarningsSinceReinvestmentCents(0L)
                .setReinvestedContractsCents(0L)
                .setReinvestedLeapsCents(0L)
                .setOpenedAtMs(1L)
                .setUpdatedAtMs(2L)
                .setLastCommandId("c2")
                .build();
    }

    @Test
    void shouldRenderMoneyFieldsAsDecimalStringsWithoutTheCentsSuffix() {
        ObjectNode rendered = renderer.toJson(accountState(10_000_000L));

        assertThat(rendered.get("balance").textValue()).isEqualTo("100000.00");
        assertThat(rendered.get("available").textValue()).isEqualTo("95000.00");
        assertThat(rendered.get("weekNetEarnings").textValue()).isEqualTo("-0.05");
        assertThat(rendered.has("balanceCents")).isFalse();
        assertThat(rendered.get("performanceIndexNanos").longValue()).isEqualTo(1_000_000_000L);
    }

    @Test
    void shouldRenderEveryFieldOfAnAccountStateInSchemaOrder() throws Exception {
        assertJson(
                renderer.toJson(accountState(10_000_000L)),
                "{'accountId':'P1:GEN','portfolioId':'P1',"
                        + "'accountType':'GENERATION','status':'ACTIVE','closeReason':null,'main':true,'parentAccountId':null,'forkId':null,"
                        + "'initial':'100000.00','principal':'100000.00','balance':'100000.00','cashBufferBps':500,'cashBuffer':'5000.00',"
                        + "'available':'95000.00','lastSequence':2,'bufferBreached':false,'weekStartBalance':'100000.00',"
                        + "'weekNetEarnings':'-0.05','performanceIndexNanos':1000000000,'highWaterMarkNanos':1000000000,"
                        + "'drawdownBreached':false,'earningsSinceReinvestment':'0.00','reinvestedContracts':'0.00','reinvestedLeaps':'0.00',"
                        + "'openedAtMs':1,'updatedAtMs':2,'lastCommandId':'c2'}");
    }

    @Test
    void shouldRenderNullableMoneyAsNullOrDecimalString() throws Exception {
        ObjectNode defaults = renderer.toJson(
                AccountCommands.command("c1", "P1", 5L, AccountCommands.openPortfolio(25_000_000L, null)));
        ObjectNode overridden = renderer.toJson(AccountCommands.command(
                "c1", "P1", 5L, AccountCommands.openPortfolio("o1", 25_000_000L, "AGGRESSIVE", 5_000_001L, null)));

        assertJson(
                defaults.get("payload"),
                "{'type':'OpenPortfolio','ownerId':'','capital':'250000.00',"
                        + "'template':'MODERATE','forkThreshold':null,'mergeThreshold':null}");
        assertThat(overridden.get("payload").get("forkThreshold").textValue()).isEqualTo("50000.01");
    }

    @Test
    void shouldTagAUnionOfRecordsWithTheRecordName() throws Exception {
        PortfolioEvent event = new PortfolioEvent(
                "c9/1",
                "P1",
                "c9",
                7L,
                new ForkCompleted("P1:F1", "P1:GEN", 5_000_001L, "P1:F1:GEN", 2_500_001L, "P1:F1:COM", 2_500_000L));

        assertJson(
                renderer.toJson(event),
                "{'eventId':'c9/1','portfolioId':'P1','commandId':'c9','eventTimeMs':7,"
                        + "'payload':{'type':'ForkCompleted','forkId':'P1:F1','parentAccountId':'P1:GEN','surplus':'50000.01',"
                        + "'generationAccountId':'P1:F1:GEN','generation':'25000.01','compoundingAccountId':'P1:F1:COM','compounding':'25000.00'}}");
    }

    @Test
    void shouldTagEveryCommandPayloadWithItsRecordName() throws Exception {
        ObjectNode deposit =
                renderer.toJson(AccountCommands.command("c2", "P1", 5L, AccountCommands.deposit("P1:GEN", 123_456L)));

        assertJson(deposit.get("payload"), "{'type':'Deposit','accountId':'P1:GEN','amount':'1234.56'}");
    }

    @Test
    void shouldRenderANullableRecordAsAPlainObjectAndNullsAsNull() throws Exception {
        CommandResult duplicate = CommandResult.newBuilder()
                .setCommandId("c2")
                .setPortfolioId("P1")
                .setCommandKind("DEPOSIT")
                .setOutcome(CommandOutcome.DUPLICATE)
                .setReasonCode(null)
                .setReasonMessage(null)
                .setAccountIds(List.of())
                .setLedgerEntryIds(List.of())
                .setEventIds(List.of())
                .setCommandPartition(1)
                .setCommandOffset(41L)
                .setDuplicateOf(new OriginalResult(1, 40L, CommandOutcome.REJECTED, ReasonCode.INSUFFICIENT_AVAILABLE))
                .setEventTimeMs(9L)
                .build();

        assertJson(
                renderer.toJson(duplicate),
                "{'commandId':'c2','portfolioId':'P1','commandKind':'DEPOSIT',"
                        + "'outcome':'DUPLICATE','reasonCode':null,'reasonMessage':null,'accountIds':[],'ledgerEntryIds':[],'eventIds':[],"
                        + "'commandPartition':1,'commandOffset':41,'duplicateOf':{'commandPartition':1,'commandOffset':40,"
                        + "'outcome':'REJECTED','reasonCode':'INSUFFICIENT_AVAILABLE'},'eventTimeMs':9}");
    }

    @Test
    void shouldRenderASignedLedgerAmountAndItsNestedReinvestmentSplit() throws Exception {
        LedgerEntry withdrawal = new LedgerEntry(
                "P1:REV#2",
                "P1",
                "P1:REV",
                2L,
                LedgerEntryType.WITHDRAWAL,
                -7_125_000L,
                375_000L,
                "c3",
                null,
                null,
                null,
                8L);
        LedgerEntry reinvestment = new LedgerEntry(
                "P1:REV#3",
                "P1",
                "P1:REV",
                3L,
                LedgerEntryType.REINVESTMENT,
                0L,
                375_000L,
                "QUARTER_CLOSE/2026-Q4",
                null,
                null,
                new ReinvestmentSplit(750_001L, 250_000L),
                9L);

        assertThat(renderer.toJson(withdrawal).get("amount").textValue()).isEqualTo("-71250.00");
        assertThat(renderer.toJson(withdrawal).get("balanceAfter").textValue()).isEqualTo("3750.00");
        assertJson(renderer.toJson(reinvestment).get("reinvestment"), "{'contracts':'7500.01','leaps':'2500.00'}");
    }

    @Test
    void shouldRenderDeadLetterBytesAsBase64WithPrintableText() {
        byte[] value = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = deadLetter(ByteBuffer.wrap("P1".getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap(value));

        ObjectNode rendered = renderer.toJson(letter);

        assertThat(rendered.get("key").textValue()).isEqualTo("UDE=");
        assertThat(rendered.get("keyText").textValue()).isEqualTo("P1");
        assertThat(rendered.get("value").textValue()).isEqualTo("eyJub3QiOiJhdnJvIn0=");
        assertThat(rendered.get("valueText").textValue()).isEqualTo("{\"not\":\"avro\"}");
        assertThat(rendered.get("reason").textValue()).isEqualTo("DESERIALIZATION_FAILED");
    }

    @Test
    void shouldRenderBinaryDeadLetterBytesWithNullTextAndANullKeyAsNull() {
        DeadLetter letter = deadLetter(null, ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 7, 2, (byte) 0xFF}));

        ObjectNode rendered = renderer.toJson(letter);

        assertThat(rendered.get("key").isNull()).isTrue();
        assertThat(rendered.get("keyText").isNull()).isTrue();
        assertThat(rendered.get("value").textValue()).isEqualTo("AAAAAAcC/w==");
        assertThat(rendered.get("valueText").isNull()).isTrue();
    }

    @Test
    void shouldNotMoveTheBufferOfTheRecordItRenders() {
        ByteBuffer value = ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8));
        DeadLetter letter = deadLetter(null, value);

        renderer.toJson(letter);
        renderer.toJson(letter);

        assertThat(value.remaining()).isEqualTo(3);
        assertThat(renderer.toJson(letter).get("valueText").asText()).isEqualTo("abc");
    }

    @Test
    void shouldRenderGenericRecordsWithArraysMapsFixedAndDoubles() throws Exception {
        Schema fixed = SchemaBuilder.fixed("Two").size(2);
        Schema schema = SchemaBuilder.record("Sample")
                .fields()
                .name("feesCents")
                .type()
                .array()
                .items()
                .longType()
                .noDefault()
                .name("limits")
                .type()
                .map()
                .values()
                .longType()
                .noDefault()
                .name("digest")
                .type(fixed)
                .noDefault()
                .name("ratio")
                .type()
                .doubleType()
                .noDefault()
                .endRecord();
        GenericRecord record = new GenericData.Record(schema);
        record.put("feesCents", List.of(1L, 2L));
        record.put("limits", Map.of("max", 3L));
        record.put("digest", new GenericData.Fixed(fixed, new byte[] {'h', 'i'}));
        record.put("ratio", 0.5);

        assertJson(
                renderer.toJson(record),
                "{'feesCents':[1,2],'limits':{'max':3},'digest':'aGk=','digestText':'hi','ratio':0.5}");
    }

    @Test
    void shouldRefuseToTagAUnionMemberThatHasItsOwnTypeField() {
        Schema withType =
                SchemaBuilder.record("Typed").fields().requiredString("type").endRecord();
        Schema other =
                SchemaBuilder.record("Other").fields().requiredString("id").endRecord();
        Schema holder = SchemaBuilder.record("Holder")
                .fields()
                .name("payload")
                .type(Schema.createUnion(withType, other))
                .noDefault()
                .endRecord();
        GenericRecord payload = new GenericData.Record(withType);
        payload.put("type", "x");
        GenericRecord record = new GenericData.Record(holder);
        record.put("payload", payload);

        assertThatThrownBy(() -> renderer.toJson(record))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot tag union member Typed");
    }

    @Test
    void shouldRefuseAMoneyNameThatHidesAnotherField() {
        Schema schema = SchemaBuilder.record("Clash")
                .fields()
                .requiredLong("balanceCents")
                .requiredString("balance")
                .endRecord();
        GenericRecord record = new GenericData.Record(schema);
        record.put("balanceCents", 1L);
        record.put("balance", "x");

        assertThatThrownBy(() -> renderer.toJson(record))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Clash.balanceCents would be rendered as \"balance\"");
    }

    private static DeadLetter deadLetter(ByteBuffer key, ByteBuffer value) {
        return DeadLetter.newBuilder()
                .setSourceTopic("alluse.commands")
                .setSourcePartition(2)
                .setSourceOffset(17L)
                .setSourceTimestampMs(5L)
                .setKey(key)
                .setValue(value)
                .setReason(DeadLetterReason.DESERIALIZATION_FAILED)
                .setErrorClass("org.apache.kafka.common.errors.SerializationException")
                .setErrorMessage("Unknown magic byte!")
                .setApplicationId("alluse-account-streams")
                .setFailedAtMs(6L)
                .build();
    }
}
