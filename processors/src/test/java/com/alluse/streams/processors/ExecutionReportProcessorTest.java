package com.alluse.streams.processors;

import static com.alluse.streams.processors.ProcessorFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.Commission;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LossKind;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.TradeLoss;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.processors.ProcessorFixture.Forwarded;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionReportProcessorTest {
    private static final String EXECUTIONS = "alluse.market-executions";

    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private WindowStore<String, String> fingerprints;
    private ExecutionReportProcessor processor;

    @BeforeEach
    void setUp() {
        fixture = new ProcessorFixture(stateDir);
        fingerprints = Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                StoreNames.EXECUTION_FINGERPRINTS,
                                ProcessorFixture.RETENTION,
                                Duration.ofMillis(1),
                                false),
                        Serdes.String(),
                        Serdes.String())
                .withLoggingDisabled()
                .build();
        fingerprints.init(fixture.context.getStateStoreContext(), fingerprints);
        fixture.context.addStateStore(fingerprints);
        processor = new ExecutionReportProcessor(fixture.deserializer(), ProcessorFixture.RETENTION.toMillis());
        processor.init(fixture.context);
    }

    @AfterEach
    void tearDown() {
        fingerprints.close();
        fixture.close();
    }

    @Test
    void shouldTurnEachKindIntoItsMarketFactCommandKeyedByPortfolioWithTheExecutionIdInTheCommandId() {
        List<AccountCommand> commands = List.of(
                        report("x-1", ExecutionKind.PREMIUM, 15_000),
                        report("x-2", ExecutionKind.LOSS, 4_000),
                        report("x-3", ExecutionKind.ASSIGNMENT_LOSS, 9_000),
                        report("x-4", ExecutionKind.COMMISSION, 65))
                .stream()
                .map(report -> single(send(report).values(SinkNames.EXECUTION_COMMANDS, AccountCommand.class)))
                .toList();

        assertThat(commands)
                .extracting(AccountCommand::getCommandId)
                .containsExactly("exec:x-1", "exec:x-2", "exec:x-3", "exec:x-4");
        assertThat(commands).extracting(AccountCommand::getPortfolioId).containsOnly("P1");
        assertThat(commands.get(0).getPayload()).isEqualTo(new TradePremium("P1:GEN", 15_000L, "x-1", "SPY"));
        assertThat(commands.get(1).getPayload())
                .isEqualTo(new TradeLoss("P1:GEN", 4_000L, LossKind.TRADE, "x-2", "SPY"));
        assertThat(commands.get(2).getPayload())
                .isEqualTo(new TradeLoss("P1:GEN", 9_000L, LossKind.ASSIGNMENT, "x-3", "SPY"));
        assertThat(commands.get(3).getPayload()).isEqualTo(new Commission("P1:GEN", 65L, "x-4"));
        assertThat(commands.get(0).getEventTimeMs()).isEqualTo(1_764_000_000_000L);
    }

    @Test
    void shouldForwardAnIdenticalRedeliverySoThatTheLedgerAnswersItDuplicate() {
        Forwarded first = send(report("x-1", ExecutionKind.PREMIUM, 15_000));

        Forwarded again = send(report("x-1", ExecutionKind.PREMIUM, 15_000));

        assertThat(again.values(SinkNames.EXECUTION_COMMANDS, AccountCommand.class))
                .isEqualTo(first.values(SinkNames.EXECUTION_COMMANDS, AccountCommand.class));
        assertThat(again.sinks()).containsExactly(SinkNames.EXECUTION_COMMANDS);
    }

    @Test
    void shouldAnswerAConflictAndForwardNoCommandWhenAnExecutionIdIsReportedAgainWithOtherContent() {
        send(report("x-1", ExecutionKind.PREMIUM, 15_000));
        ExecutionReport otherPrice = report("x-1", ExecutionKind.PREMIUM, 15_000);
        otherPrice.setPriceCents(151L);

        Forwarded conflict = send(otherPrice);

        assertThat(conflict.sinks()).containsExactly(SinkNames.EXECUTION_RESULTS);
        CommandResult result = single(conflict.values(SinkNames.EXECUTION_RESULTS, CommandResult.class));
        assertThat(result.getCommandId()).isEqualTo("exec:x-1");
        assertThat(result.getPortfolioId()).isEqualTo("P1");
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(result.getReasonCode()).isEqualTo(ReasonCode.IDEMPOTENCY_CONFLICT);
        assertThat(result.getReasonMessage()).contains("first reported at " + EXECUTIONS + " 0@0");
        assertThat(conflict.keys(SinkNames.EXECUTION_RESULTS)).containsExactly("P1");
    }

    @Test
    void shouldStillForwardTheFirstContentWhenItIsRedeliveredAfterAConflict() {
        send(report("x-1", ExecutionKind.PREMIUM, 15_000));
        send(report("x-1", ExecutionKind.PREMIUM, 99_000));

        Forwarded again = send(report("x-1", ExecutionKind.PREMIUM, 15_000));

        assertThat(again.sinks()).containsExactly(SinkNames.EXECUTION_COMMANDS);
    }

    @Test
    void shouldForgetAnExecutionIdOnceTheRetentionHasPassed() {
        send(report("x-1", ExecutionKind.PREMIUM, 15_000));
        fixture.advance(ProcessorFixture.RETENTION.plusDays(1));

        Forwarded later = send(report("x-1", ExecutionKind.PREMIUM, 99_000));

        assertThat(later.sinks()).containsExactly(SinkNames.EXECUTION_COMMANDS);
    }

    @Test
    void shouldDeadLetterUndecodableBytesAndGoOn() {
        Forwarded garbage = process(fixture.arrive(EXECUTIONS, utf8("P1:GEN"), new byte[] {0, 0, 0, 0, 9, 1}));
        Forwarded next = send(report("x-1", ExecutionKind.PREMIUM, 15_000));

        assertThat(single(garbage.values(SinkNames.EXECUTION_DEAD_LETTERS, DeadLetter.class))
                        .getReason())
                .isEqualTo(DeadLetterReason.DESERIALIZATION_FAILED);
        assertThat(next.sinks()).containsExactly(SinkNames.EXECUTION_COMMANDS);
    }

    @Test
    void shouldDeadLetterARecordOfAnotherSchemaAsWrongSchema() {
        AccountCommand command = fixture.command("c1", "P1", new Deposit("P1:GEN", 100L));

        Forwarded wrong =
                process(fixture.arrive(EXECUTIONS, utf8("P1:GEN"), fixture.bytes(EXECUTIONS + "-x", command)));

        assertThat(single(wrong.values(SinkNames.EXECUTION_DEAD_LETTERS, DeadLetter.class))
                        .getReason())
                .isEqualTo(DeadLetterReason.WRONG_SCHEMA);
    }

    @Test
    void shouldDeadLetterANullValue() {
        Forwarded tombstone = process(fixture.arrive(EXECUTIONS, utf8("P1:GEN"), null));

        assertThat(single(tombstone.values(SinkNames.EXECUTION_DEAD_LETTERS, DeadLetter.class))
                        .getErrorMessage())
                .contains("no value");
    }

    @Test
    void shouldDeadLetterAsInvalidKeyWhenTheKeyIsMissingOrNamesAnotherAccount() {
        ExecutionReport report = report("x-1", ExecutionKind.PREMIUM, 15_000);

        DeadLetter missing = single(process(fixture.arrive(EXECUTIONS, null, fixture.bytes(EXECUTIONS, report)))
                .values(SinkNames.EXECUTION_DEAD_LETTERS, DeadLetter.class));
        DeadLetter other = single(process(fixture.arrive(EXECUTIONS, utf8("P1:COM"), fixture.bytes(EXECUTIONS, report)))
                .values(SinkNames.EXECUTION_DEAD_LETTERS, DeadLetter.class));

        assertThat(List.of(missing, other))
                .extracting(DeadLetter::getReason)
                .containsOnly(DeadLetterReason.INVALID_KEY);
        assertThat(other.getErrorMessage()).contains("P1:COM").contains("P1:GEN");
    }

    @Test
    void shouldDeadLetterAsInvalidValueWhenAReportBreaksTheContract() {
        ExecutionReport zero = report("x-1", ExecutionKind.PREMIUM, 0);
        ExecutionReport negative = report("x-2", ExecutionKind.COMMISSION, -5);
        ExecutionReport longId = report("x".repeat(65), ExecutionKind.PREMIUM, 100);
        ExecutionReport unknownKind = report("x-3", ExecutionKind.UNKNOWN, 100);
        ExecutionReport noPortfolio = report("x-4", ExecutionKind.PREMIUM, 100);
        noPortfolio.setAccountId("bad id:GEN");

        List<DeadLetter> letters = List.of(zero, negative, longId, unknownKind, noPortfolio).stream()
                .map(report -> single(send(report).values(SinkNames.EXECUTION_DEAD_LETTERS, DeadLetter.class)))
                .toList();

        assertThat(letters).extracting(DeadLetter::getReason).containsOnly(DeadLetterReason.INVALID_VALUE);
        assertThat(letters)
                .extracting(DeadLetter::getErrorMessage)
                .containsExactly(
                        "amountCents must be > 0, got 0",
                        "amountCents must be > 0, got -5",
                        "executionId has 65 characters, more than 64",
                        "kind is UNKNOWN (a kind this release does not book: PREMIUM, LOSS, ASSIGNMENT_LOSS, COMMISSION)",
                        "accountId bad id:GEN names no portfolio (expected <portfolio id>:<account>, e.g. P1:GEN)");
        assertThat(letters).extracting(DeadLetter::getSourceTopic).containsOnly(EXECUTIONS);
    }

    @Test
    void shouldNotRememberAnInvalidReportSoThatItsCorrectedRedeliveryIsBooked() {
        send(report("x-1", ExecutionKind.PREMIUM, 0));

        Forwarded corrected = send(report("x-1", ExecutionKind.PREMIUM, 15_000));

        assertThat(corrected.sinks()).containsExactly(SinkNames.EXECUTION_COMMANDS);
    }

    private Forwarded send(ExecutionReport report) {
        return process(fixture.arrive(EXECUTIONS, utf8(report.getAccountId()), fixture.bytes(EXECUTIONS, report)));
    }

    private Forwarded process(Record<byte[], byte[]> record) {
        fixture.context.resetForwards();
        processor.process(record);
        Forwarded forwarded = new Forwarded(fixture.context.forwarded());
        return forwarded;
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private static ExecutionReport report(String executionId, ExecutionKind kind, long amountCents) {
        return ExecutionReport.newBuilder()
                .setExecutionId(executionId)
                .setOrderId("o-" + executionId)
                .setAccountId("P1:GEN")
                .setKind(kind)
                .setAmountCents(amountCents)
                .setSymbol("SPY")
                .setQuantity(2L)
                .setPriceCents(150L)
                .setTransactTimeMs(1_764_000_000_000L)
                .build();
    }
}
