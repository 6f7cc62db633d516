package com.alluse.streams.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.ActivateAccount;
import com.alluse.streams.avro.CashBufferAdjustment;
import com.alluse.streams.avro.CloseAccount;
import com.alluse.streams.avro.Commission;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.LossKind;
import com.alluse.streams.avro.OpenPortfolio;
import com.alluse.streams.avro.SuspendAccount;
import com.alluse.streams.avro.TradeLoss;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.avro.Withdrawal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandJsonTest {
    private static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");
    private final CommandJson parser = new CommandJson(Clock.fixed(NOW, ZoneOffset.UTC));

    private AccountCommand parse(String json) throws InvalidCommandJsonException {
        return parser.parse(json);
    }

    /** A line with one field replaced (or removed when value is null), for the error cases. */
    private static String deposit(String amountField) {
        return "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"DEPOSIT\",\"accountId\":\"P1:GEN\""
                + amountField + "}";
    }

    private void assertRejected(String json, String reason) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(InvalidCommandJsonException.class)
                .hasMessage(reason);
    }

    @Nested
    class EveryType {
        @Test
        void shouldParseOpenPortfolioWithEveryFieldOfTheDocumentedExample() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"250000.00\","
                            + "\"template\":\"MODERATE\",\"forkThreshold\":\"50000.00\",\"mergeThreshold\":\"500000.00\",\"ownerId\":\"o1\","
                            + "\"eventTime\":\"2026-11-24T10:00:00Z\"}");

            assertThat(command.getCommandId()).isEqualTo("c1");
            assertThat(command.getPortfolioId()).isEqualTo("P1");
            assertThat(command.getEventTimeMs())
                    .isEqualTo(Instant.parse("2026-11-24T10:00:00Z").toEpochMilli());
            assertThat(command.getPayload())
                    .isEqualTo(OpenPortfolio.newBuilder()
                            .setOwnerId("o1")
                            .setCapitalCents(25_000_000L)
                            .setTemplate("MODERATE")
                            .setForkThresholdCents(5_000_000L)
                            .setMergeThresholdCents(50_000_000L)
                            .build());
        }

        @Test
        void shouldDefaultOpenPortfolioTemplateOwnerAndThresholdsWhenAbsent() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"OPEN_PORTFOLIO\",\"capitalCents\":25000000}");

            assertThat(command.getPayload())
                    .isEqualTo(OpenPortfolio.newBuilder()
                            .setOwnerId("")
                            .setCapitalCents(25_000_000L)
                            .setTemplate("MODERATE")
                            .setForkThresholdCents(null)
                            .setMergeThresholdCents(null)
                            .build());
        }

        @Test
        void shouldParseDeposit() throws Exception {
            assertThat(parse(deposit(",\"amount\":\"1000.50\"")).getPayload())
                    .isEqualTo(new Deposit("P1:GEN", 100_050L));
        }

        @Test
        void shouldParseWithdrawal() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"WITHDRAWAL\",\"accountId\":\"P1:REV\",\"amount\":\"71250\"}");

            assertThat(command.getPayload()).isEqualTo(new Withdrawal("P1:REV", 7_125_000L));
        }

        @Test
        void shouldParseTradePremiumWithExecutionIdAndSymbol() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"TRADE_PREMIUM\",\"accountId\":\"P1:GEN\","
                            + "\"amount\":\"1500.00\",\"executionId\":\"x-1\",\"symbol\":\"SPY\"}");

            assertThat(command.getPayload()).isEqualTo(new TradePremium("P1:GEN", 150_000L, "x-1", "SPY"));
        }

        @Test
        void shouldParseTradeLossAsTradeLossByDefault() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"TRADE_LOSS\",\"accountId\":\"P1:GEN\",\"amount\":\"0.01\"}");

            assertThat(command.getPayload()).isEqualTo(new TradeLoss("P1:GEN", 1L, LossKind.TRADE, null, null));
        }

        @Test
        void shouldParseAssignmentLossWithExecutionIdAndSymbol() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"TRADE_LOSS\",\"accountId\":\"P1:GEN\","
                            + "\"amountCents\":4200,\"lossKind\":\"ASSIGNMENT\",\"executionId\":\"x-2\",\"symbol\":\"QQQ\"}");

            assertThat(command.getPayload())
                    .isEqualTo(new TradeLoss("P1:GEN", 4_200L, LossKind.ASSIGNMENT, "x-2", "QQQ"));
        }

        @Test
        void shouldParseCommissionWithExecutionId() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"COMMISSION\",\"accountId\":\"P1:REV\","
                            + "\"amount\":\"0.65\",\"executionId\":\"x-3\"}");

            assertThat(command.getPayload()).isEqualTo(new Commission("P1:REV", 65L, "x-3"));
        }

        @Test
        void shouldParseCashBufferAdjustment() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"CASH_BUFFER_ADJUSTMENT\",\"accountId\":\"P1:GEN\",\"bufferBps\":1000}");

            assertThat(command.getPayload()).isEqualTo(new CashBufferAdjustment("P1:GEN", 1_000));
        }

        @Test
        void shouldParseSuspendWithAndWithoutReason() throws Exception {
            assertThat(parse(
                                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"SUSPEND\",\"accountId\":\"P1:REV\",\"reason\":\"review\"}")
                            .getPayload())
                    .isEqualTo(new SuspendAccount("P1:REV", "review"));
            assertThat(parse(
                                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"SUSPEND\",\"accountId\":\"P1:REV\"}")
                            .getPayload())
                    .isEqualTo(new SuspendAccount("P1:REV", null));
        }

        @Test
        void shouldParseActivate() throws Exception {
            assertThat(parse(
                                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"ACTIVATE\",\"accountId\":\"P1:REV\"}")
                            .getPayload())
                    .isEqualTo(new ActivateAccount("P1:REV"));
        }

        @Test
        void shouldParseCloseWithReason() throws Exception {
            assertThat(parse(
                                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"CLOSE\",\"accountId\":\"P1:F1:GEN\",\"reason\":\"done\"}")
                            .getPayload())
                    .isEqualTo(new CloseAccount("P1:F1:GEN", "done"));
        }
    }

    @Nested
    class RepresentableValues {
        @ParameterizedTest
        @CsvSource({
            "1234.56, 123456",
            "1234.5, 123450",
            "1234, 123400",
            "0.01, 1",
            "007.50, 750",
            "1000000000000.00, 100000000000000"
        })
        void shouldConvertDecimalStringsExactlyToCents(String amount, long cents) throws Exception {
            assertThat(((Deposit) parse(deposit(",\"amount\":\"" + amount + "\""))
                                    .getPayload())
                            .getAmountCents())
                    .isEqualTo(cents);
        }

        @Test
        void shouldPassAnAmountOfZeroOnForThePipelineToReject() throws Exception {
            assertThat(((Deposit) parse(deposit(",\"amount\":\"0.00\"")).getPayload()).getAmountCents())
                    .isZero();
        }

        @Test
        void shouldPassANegativeAmountOnForThePipelineToReject() throws Exception {
            assertThat(((Deposit) parse(deposit(",\"amount\":\"-5.00\"")).getPayload()).getAmountCents())
                    .isEqualTo(-500L);
            assertThat(((Deposit) parse(deposit(",\"amountCents\":-1")).getPayload()).getAmountCents())
                    .isEqualTo(-1L);
        }

        @Test
        void shouldPassAnUnknownTemplateOnForThePipelineToReject() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"1.00\",\"template\":\"BOLD\"}");

            assertThat(((OpenPortfolio) command.getPayload()).getTemplate()).isEqualTo("BOLD");
        }

        @Test
        void shouldPassAnOutOfRangeBufferOnForThePipelineToReject() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"CASH_BUFFER_ADJUSTMENT\",\"accountId\":\"P1:GEN\",\"bufferBps\":-5}");

            assertThat(((CashBufferAdjustment) command.getPayload()).getBufferBps())
                    .isEqualTo(-5);
        }

        @Test
        void shouldPassEmptyIdsOnForThePipelineToReject() throws Exception {
            AccountCommand command =
                    parse("{\"commandId\":\"\",\"portfolioId\":\"\",\"type\":\"ACTIVATE\",\"accountId\":\"\"}");

            assertThat(command.getCommandId()).isEmpty();
            assertThat(command.getPortfolioId()).isEmpty();
        }

        @Test
        void shouldUseTheClockWhenNoEventTimeIsGiven() throws Exception {
            assertThat(parse(deposit(",\"amount\":\"1.00\"")).getEventTimeMs()).isEqualTo(NOW.toEpochMilli());
        }

        @Test
        void shouldTakeEventTimeInEpochMillis() throws Exception {
            assertThat(parse(deposit(",\"amount\":\"1.00\",\"eventTimeMs\":1764000000000"))
                            .getEventTimeMs())
                    .isEqualTo(1_764_000_000_000L);
        }

        @Test
        void shouldTakeEventTimeWithAnOffset() throws Exception {
            assertThat(parse(deposit(",\"amount\":\"1.00\",\"eventTime\":\"2026-11-24T11:00:00+01:00\""))
                            .getEventTimeMs())
                    .isEqualTo(Instant.parse("2026-11-24T10:00:00Z").toEpochMilli());
        }

        @Test
        void shouldTreatJsonNullAsAbsentForOptionalFields() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"TRADE_PREMIUM\",\"accountId\":\"P1:GEN\","
                            + "\"amount\":\"1.00\",\"symbol\":null,\"eventTime\":null}");

            assertThat(((TradePremium) command.getPayload()).getSymbol()).isNull();
            assertThat(command.getEventTimeMs()).isEqualTo(NOW.toEpochMilli());
        }

        @Test
        void shouldKeepUnicodeTextAsIs() throws Exception {
            AccountCommand command = parse(
                    "{\"commandId\":\"c-é\",\"portfolioId\":\"P1\",\"type\":\"SUSPEND\",\"accountId\":\"P1:GEN\",\"reason\":\"révision ✓\"}");

            assertThat(((SuspendAccount) command.getPayload()).getReason()).isEqualTo("révision ✓");
        }
    }

    @Nested
    class Errors {
        @Test
        void shouldRejectAmountWithThreeDecimals() {
            assertRejected(
                    deposit(",\"amount\":\"1.005\""), "\"amount\" must have at most 2 fraction digits, got \"1.005\"");
        }

        @Test
        void shouldRejectAmountWithThreeDecimalsEvenWhenTheLastIsZero() {
            assertRejected(
                    deposit(",\"amount\":\"1.000\""), "\"amount\" must have at most 2 fraction digits, got \"1.000\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "1e3", "+5.00", " 5.00", "5.", ".5", "1,000.00", "", "0x10"})
        void shouldRejectAmountThatIsNotAPlainDecimal(String amount) {
            assertRejected(
                    deposit(",\"amount\":\"" + amount + "\""),
                    "\"amount\" must be a decimal string such as \"1234.56\", got \"" + amount + "\"");
        }

        @Test
        void shouldRejectAmountAsAJsonNumber() {
            assertRejected(
                    deposit(",\"amount\":1000.5"),
                    "\"amount\" must be a decimal string such as \"1234.56\" (or use integer \"amountCents\"), got number 1000.5");
        }

        @Test
        void shouldRejectAmountTooLargeForCents() {
            assertRejected(
                    deposit(",\"amount\":\"92233720368547758.08\""),
                    "\"amount\" is too large to hold in cents: \"92233720368547758.08\"");
        }

        @Test
        void shouldRejectAmountCentsThatIsNotAnInteger() {
            assertRejected(
                    deposit(",\"amountCents\":100.5"),
                    "\"amountCents\" must be a JSON integer within the range of a long, got number 100.5");
            assertRejected(
                    deposit(",\"amountCents\":\"100\""),
                    "\"amountCents\" must be a JSON integer within the range of a long, got string \"100\"");
        }

        @Test
        void shouldRejectAmountCentsBeyondALong() {
            assertRejected(
                    deposit(",\"amountCents\":9223372036854775808"),
                    "\"amountCents\" must be a JSON integer within the range of a long, got number 9223372036854775808");
        }

        @Test
        void shouldRejectBothAmountAndAmountCents() {
            assertRejected(
                    deposit(",\"amount\":\"1.00\",\"amountCents\":100"),
                    "give either \"amount\" or \"amountCents\", not both");
        }

        @Test
        void shouldRejectMissingAmount() {
            assertRejected(deposit(""), "missing \"amount\" (a decimal string such as \"1234.56\") or \"amountCents\"");
        }

        @Test
        void shouldRejectMissingCapital() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"OPEN_PORTFOLIO\"}",
                    "missing \"capital\" (a decimal string such as \"1234.56\") or \"capitalCents\"");
        }

        @Test
        void shouldRejectThresholdWithThreeDecimals() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"1.00\",\"forkThreshold\":\"0.001\"}",
                    "\"forkThreshold\" must have at most 2 fraction digits, got \"0.001\"");
        }

        @Test
        void shouldRejectMissingCommandId() {
            assertRejected(
                    "{\"portfolioId\":\"P1\",\"type\":\"ACTIVATE\",\"accountId\":\"P1:GEN\"}", "missing \"commandId\"");
        }

        @Test
        void shouldRejectNullCommandIdAsMissing() {
            assertRejected(
                    "{\"commandId\":null,\"portfolioId\":\"P1\",\"type\":\"ACTIVATE\",\"accountId\":\"P1:GEN\"}",
                    "missing \"commandId\"");
        }

        @Test
        void shouldRejectCommandIdThatIsNotAString() {
            assertRejected(
                    "{\"commandId\":42,\"portfolioId\":\"P1\",\"type\":\"ACTIVATE\",\"accountId\":\"P1:GEN\"}",
                    "\"commandId\" must be a JSON string, got number 42");
        }

        @Test
        void shouldRejectMissingPortfolioId() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"type\":\"ACTIVATE\",\"accountId\":\"P1:GEN\"}", "missing \"portfolioId\"");
        }

        @Test
        void shouldRejectMissingType() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"accountId\":\"P1:GEN\"}", "missing \"type\"");
        }

        @Test
        void shouldRejectUnknownTypeListingTheKnownOnes() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"TRANSFER\"}",
                    "unknown type \"TRANSFER\" (expected one of OPEN_PORTFOLIO, DEPOSIT, WITHDRAWAL, TRADE_PREMIUM, TRADE_LOSS, "
                            + "COMMISSION, CASH_BUFFER_ADJUSTMENT, SUSPEND, ACTIVATE, CLOSE)");
        }

        @Test
        void shouldRejectTypeInTheWrongCase() {
            assertThatThrownBy(() -> parse("{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"deposit\"}"))
                    .hasMessageStartingWith("unknown type \"deposit\"");
        }

        @Test
        void shouldRejectMissingAccountId() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"DEPOSIT\",\"amount\":\"1.00\"}",
                    "missing \"accountId\"");
        }

        @Test
        void shouldRejectMissingBufferBps() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"CASH_BUFFER_ADJUSTMENT\",\"accountId\":\"P1:GEN\"}",
                    "missing \"bufferBps\"");
        }

        @Test
        void shouldRejectBufferBpsThatIsNotAnInt() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"CASH_BUFFER_ADJUSTMENT\",\"accountId\":\"P1:GEN\",\"bufferBps\":\"500\"}",
                    "\"bufferBps\" must be a JSON integer within the range of an int, got string \"500\"");
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"CASH_BUFFER_ADJUSTMENT\",\"accountId\":\"P1:GEN\",\"bufferBps\":2147483648}",
                    "\"bufferBps\" must be a JSON integer within the range of an int, got number 2147483648");
        }

        @Test
        void shouldRejectUnknownLossKind() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"TRADE_LOSS\",\"accountId\":\"P1:GEN\",\"amount\":\"1.00\",\"lossKind\":\"EXPIRY\"}",
                    "unknown lossKind \"EXPIRY\" (expected TRADE or ASSIGNMENT)");
        }

        @Test
        void shouldRejectAMisspelledFieldListingTheAllowedOnes() {
            assertRejected(
                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"DEPOSIT\",\"accountId\":\"P1:GEN\",\"amout\":\"1.00\"}",
                    "unknown field \"amout\" for DEPOSIT (allowed: commandId, portfolioId, type, eventTime, eventTimeMs, accountId, amount, amountCents)");
        }

        @Test
        void shouldRejectAFieldOfAnotherType() {
            assertThatThrownBy(() -> parse(deposit(",\"amount\":\"1.00\",\"symbol\":\"SPY\"")))
                    .hasMessageStartingWith("unknown field \"symbol\" for DEPOSIT");
        }

        @Test
        void shouldRejectSymbolOnCommission() {
            assertThatThrownBy(
                            () -> parse(
                                    "{\"commandId\":\"c1\",\"portfolioId\":\"P1\",\"type\":\"COMMISSION\",\"accountId\":\"P1:GEN\",\"amount\":\"1.00\",\"symbol\":\"SPY\"}"))
                    .hasMessageStartingWith("unknown field \"symbol\" for COMMISSION");
        }

        @Test
        void shouldRejectInvalidJson() {
            assertThatThrownBy(() -> parse("{\"commandId\":\"c1\","))
                    .isInstanceOf(InvalidCommandJsonException.class)
                    .hasMessageStartingWith("not valid JSON: ");
        }

        @Test
        void shouldRejectADuplicateKeyInsteadOfKeepingTheLast() {
            assertThatThrownBy(() -> parse(deposit(",\"amount\":\"1.00\",\"amount\":\"2.00\"")))
                    .hasMessageStartingWith("not valid JSON: Duplicate field 'amount'");
        }

        @Test
        void shouldRejectTrailingTextAfterTheObject() {
            assertThatThrownBy(() -> parse(deposit(",\"amount\":\"1.00\"") + " {}"))
                    .hasMessageStartingWith("not valid JSON: ");
        }

        @Test
        void shouldRejectJsonThatIsNotAnObject() {
            assertRejected("[1,2]", "expected a JSON object, got array [1,2]");
            assertRejected("\"text\"", "expected a JSON object, got string \"text\"");
            assertRejected("", "expected a JSON object, got nothing");
        }

        @Test
        void shouldRejectEventTimeWithoutZone() {
            assertRejected(
                    deposit(",\"amount\":\"1.00\",\"eventTime\":\"2026-11-24T10:00:00\""),
                    "\"eventTime\" must be an ISO-8601 instant with a zone such as \"2026-11-24T10:00:00Z\", got \"2026-11-24T10:00:00\"");
        }

        @Test
        void shouldRejectEventTimeBeforeTheEpoch() {
            assertRejected(
                    deposit(",\"amount\":\"1.00\",\"eventTimeMs\":-1"),
                    "\"eventTime\" must not be before 1970-01-01T00:00:00Z (a Kafka record timestamp cannot be negative)");
        }

        @Test
        void shouldRejectBothEventTimeAndEventTimeMs() {
            assertRejected(
                    deposit(",\"amount\":\"1.00\",\"eventTime\":\"2026-11-24T10:00:00Z\",\"eventTimeMs\":1"),
                    "give either \"eventTime\" or \"eventTimeMs\", not both");
        }
    }
}
