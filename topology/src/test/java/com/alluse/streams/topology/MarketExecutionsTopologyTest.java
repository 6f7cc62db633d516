package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The market-executions sub-topology of {@link AccountTopology} feeding the ledger, through the production topology. */
class MarketExecutionsTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void open() {
        harness = new TopologyHarness(stateDir);
        harness.send("open", "P1", openPortfolio(25_000_000L, "MODERATE"));
        harness.results.clear();
        harness.ledger.clear();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldBookAReportOnceAndAnswerItsRedeliveryDuplicateAndItsOtherContentAConflict() {
        ExecutionReport premium = report("x-1", "P1:GEN", 15_000L);
        ExecutionReport otherAmount = report("x-1", "P1:GEN", 15_001L);

        send(premium);
        send(premium);
        send(otherAmount);

        assertThat(harness.results)
                .extracting(CommandResult::getCommandId, CommandResult::getOutcome, CommandResult::getReasonCode)
                .containsExactly(
                        tuple("exec:x-1", CommandOutcome.ACCEPTED, null),
                        tuple("exec:x-1", CommandOutcome.DUPLICATE, null),
                        tuple("exec:x-1", CommandOutcome.REJECTED, ReasonCode.IDEMPOTENCY_CONFLICT));
        assertThat(harness.ledger)
                .extracting(LedgerEntry::getCommandId, LedgerEntry::getEntryType, LedgerEntry::getAmountCents)
                .containsExactly(tuple("exec:x-1", LedgerEntryType.PREMIUM, 15_000L));
    }

    @Test
    void shouldAnswerAReportForAnUnknownAccountWithTheLedgersRejection() {
        send(report("x-2", "P1:NOPE", 100L));

        assertThat(harness.results)
                .singleElement()
                .satisfies(result -> assertThat(result.getReasonCode()).isEqualTo(ReasonCode.UNKNOWN_ACCOUNT));
        assertThat(harness.ledger).isEmpty();
    }

    @Test
    void shouldDeadLetterMalformedReportsAndGoOnBooking() {
        harness.sendRawExecution(null, "not avro".getBytes(StandardCharsets.UTF_8));
        harness.sendRawExecution(
                "P1:COM".getBytes(StandardCharsets.UTF_8),
                harness.valueSerializer().serialize(harness.topics.marketExecutions(), report("x-3", "P1:GEN", 100L)));
        send(report("x-4", "P1:GEN", 0L));
        send(report("x-5", "P1:GEN", 100L));

        assertThat(harness.deadLetters)
                .extracting(DeadLetter::getSourceTopic, DeadLetter::getReason)
                .containsExactly(
                        tuple(harness.topics.marketExecutions(), DeadLetterReason.DESERIALIZATION_FAILED),
                        tuple(harness.topics.marketExecutions(), DeadLetterReason.INVALID_KEY),
                        tuple(harness.topics.marketExecutions(), DeadLetterReason.INVALID_VALUE));
        assertThat(harness.results).extracting(CommandResult::getCommandId).containsExactly("exec:x-5");
    }

    private void send(ExecutionReport report) {
        harness.sendRawExecution(
                report.getAccountId().getBytes(StandardCharsets.UTF_8),
                harness.valueSerializer().serialize(harness.topics.marketExecutions(), report));
    }

    private static ExecutionReport report(String executionId, String accountId, long amountCents) {
        return new ExecutionReport(
                executionId, "o-1", accountId, ExecutionKind.PREMIUM, amountCents, "SPY", 1L, 150L, 1_790_000_000_000L);
    }
}
