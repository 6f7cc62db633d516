package com.alluse.streams.app;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.PipelineChecks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Execution reports from the market integration on a real broker under exactly-once: 10% of them
 * redelivered, one redelivered with other content, some for unknown accounts, some malformed.
 * Every execution is booked exactly once, and everything else is answered visibly.
 */
@Timeout(300)
class MarketExecutionsIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PORTFOLIOS = 10;
    private static final int EXECUTIONS = 300;
    private static final long START_MS = 1_790_000_000_000L;
    private static final String[] ACCOUNTS = {"GEN", "REV", "COM"};

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private AccountStreamsApp app;

    @BeforeEach
    void start() throws InterruptedException {
        kafka = new BrokerFixture(dir);
        app = kafka.startPipeline(3, dir.resolve("state"), WAIT);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        kafka.close();
    }

    @Test
    void shouldBookEveryExecutionOnceAndAnswerRedeliveriesConflictsUnknownAccountsAndMalformedReports() {
        List<AccountCommand> opens = new ArrayList<>();
        for (int p = 0; p < PORTFOLIOS; p++) {
            opens.add(command("open-" + p, "E" + p, START_MS, openPortfolio(100_000_000L, "MODERATE")));
        }
        kafka.produce(opens);
        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= PORTFOLIOS, WAIT);

        Random random = new Random(42);
        List<ExecutionReport> reports = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            reports.add(report(i, random));
        }
        List<ExecutionReport> redeliveries = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS / 10; i++) {
            redeliveries.add(ExecutionReport.newBuilder(reports.get(random.nextInt(EXECUTIONS)))
                    .build());
        }
        ExecutionReport conflict = ExecutionReport.newBuilder(reports.get(7)).build();
        conflict.setAmountCents(conflict.getAmountCents() + 1);
        ExecutionReport unknownAccount = unknown("u-1", "E1:NOPE");
        ExecutionReport unknownPortfolio = unknown("u-2", "NOPE:GEN");
        ExecutionReport zeroAmount = unknown("z-1", "E2:GEN");
        zeroAmount.setAmountCents(0);

        String topic = kafka.topics.marketExecutions();
        kafka.produce(topic, keyed(reports.subList(0, EXECUTIONS / 2)));
        kafka.produceRaw(topic, utf8("E3:GEN"), "not avro".getBytes(StandardCharsets.UTF_8));
        kafka.produce(topic, List.of(KeyValue.pair("WRONG:KEY", reports.get(11))));
        kafka.produce(topic, keyed(List.of(conflict, unknownAccount, unknownPortfolio, zeroAmount)));
        kafka.produce(topic, keyed(redeliveries));
        kafka.produce(topic, keyed(reports.subList(EXECUTIONS / 2, EXECUTIONS)));
        int answered = EXECUTIONS + redeliveries.size() + 3; // + conflict + two unknown accounts

        List<CommandResult> results = kafka
                .readUntil(
                        kafka.topics.commandResults(),
                        CommandResult.class,
                        r -> executionResults(r).size() >= answered,
                        WAIT)
                .stream()
                .filter(r -> r.getCommandId().startsWith("exec:"))
                .toList();
        List<LedgerEntry> ledger = kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT);
        List<DeadLetter> dlq = kafka.readToEnd(kafka.topics.deadLetters(), DeadLetter.class, WAIT).stream()
                .filter(letter -> letter.getSourceTopic().equals(topic))
                .toList();

        Set<String> reported =
                reports.stream().map(r -> "exec:" + r.getExecutionId()).collect(Collectors.toSet());
        Map<String, Long> entriesByExecution = ledger.stream()
                .filter(entry -> entry.getCommandId().startsWith("exec:"))
                .collect(Collectors.groupingBy(LedgerEntry::getCommandId, Collectors.counting()));
        assertThat(entriesByExecution.keySet()).as("every execution booked").isEqualTo(reported);
        assertThat(entriesByExecution.values()).as("each once").containsOnly(1L);
        Map<String, List<CommandResult>> byOutcome =
                results.stream().collect(Collectors.groupingBy(r -> r.getOutcome() + "/" + r.getReasonCode()));
        assertThat(byOutcome.get("ACCEPTED/null")).hasSize(EXECUTIONS);
        assertThat(byOutcome.get("DUPLICATE/null")).hasSize(redeliveries.size());
        assertThat(byOutcome.get("REJECTED/IDEMPOTENCY_CONFLICT"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getCommandId()).isEqualTo("exec:" + conflict.getExecutionId());
                    assertThat(r.getReasonMessage()).contains("with other content");
                });
        assertThat(byOutcome.get("REJECTED/UNKNOWN_ACCOUNT"))
                .extracting(CommandResult::getCommandId)
                .containsExactlyInAnyOrder("exec:u-1", "exec:u-2");
        assertThat(byOutcome).hasSize(4);
        assertThat(dlq)
                .extracting(DeadLetter::getReason)
                .containsExactlyInAnyOrder(
                        DeadLetterReason.DESERIALIZATION_FAILED,
                        DeadLetterReason.INVALID_KEY,
                        DeadLetterReason.INVALID_VALUE);
        assertThat(dlq)
                .allSatisfy(letter -> assertThat(letter.getErrorMessage()).isNotBlank());
        PipelineChecks.assertLedgersMatchStates(
                ledger,
                PipelineChecks.latestStates(kafka.readToEnd(
                        kafka.topics.accountState(), com.alluse.streams.avro.AccountState.class, WAIT)));
    }

    private static List<CommandResult> executionResults(List<CommandResult> results) {
        return results.stream()
                .filter(r -> r.getCommandId().startsWith("exec:"))
                .toList();
    }

    private static List<KeyValue<String, ExecutionReport>> keyed(List<ExecutionReport> reports) {
        return reports.stream()
                .map(report -> KeyValue.pair(report.getAccountId(), report))
                .toList();
    }

    /** Premiums mostly, some commissions and small losses: every one books against a funded account. */
    private static ExecutionReport report(int i, Random random) {
        ExecutionKind kind = ExecutionKind.values()[1 + random.nextInt(4)];
        return ExecutionReport.newBuilder()
                .setExecutionId("x-" + i)
                .setOrderId("o-" + i / 2)
                .setAccountId("E" + random.nextInt(PORTFOLIOS) + ":" + ACCOUNTS[random.nextInt(ACCOUNTS.length)])
                .setKind(kind)
                .setAmountCents(kind == ExecutionKind.COMMISSION ? 65 : 1_000 + random.nextInt(50_000))
                .setSymbol(kind == ExecutionKind.COMMISSION ? null : "SPY")
                .setQuantity(kind == ExecutionKind.COMMISSION ? null : 1L + random.nextInt(5))
                .setPriceCents(kind == ExecutionKind.COMMISSION ? null : 100L + random.nextInt(400))
                .setTransactTimeMs(START_MS + i)
                .build();
    }

    private static ExecutionReport unknown(String executionId, String accountId) {
        return new ExecutionReport(
                executionId, "o-" + executionId, accountId, ExecutionKind.PREMIUM, 1_000L, "SPY", 1L, 100L, START_MS);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
