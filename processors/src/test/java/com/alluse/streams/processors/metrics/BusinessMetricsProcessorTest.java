package com.alluse.streams.processors.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.AccountType;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.domain.CommandKind;
import com.alluse.streams.processors.internals.InvariantViolationException;
import com.alluse.streams.serde.AvroSerdes;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BusinessMetricsProcessorTest {
    private static final long EVENT_TIME_MS = 1_764_000_000_000L;
    private static final long LATENCY_MS = 20;
    private static final String RESULTS = "alluse.command-results";
    private static final String EXECUTIONS = "alluse.market-executions";
    private final Serde<SpecificRecord> serde =
            AvroSerdes.specific(Map.of("schema.registry.url", "mock://business-metrics-" + UUID.randomUUID()), false);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BusinessMetrics metrics = new BusinessMetrics(registry, EXECUTIONS);
    private MockProcessorContext<Void, Void> context;
    private KeyValueStore<String, String> store;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        // One fixed clock for the processor and the results: a latency read off the real clock went
        // negative (and unrecorded) whenever building the results took longer than the margin.
        context.setCurrentSystemTimeMs(EVENT_TIME_MS + LATENCY_MS);
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(BusinessMetricsProcessor.AUM_STORE),
                        Serdes.String(),
                        Serdes.String())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private BusinessMetricsProcessor startProcessor() {
        BusinessMetricsProcessor processor = new BusinessMetricsProcessor(metrics, serde.deserializer());
        processor.init(context);
        return processor;
    }

    private Record<String, byte[]> record(SpecificRecord value) {
        // One subject per record type, as on the real topics; the decoder goes by schema id.
        String topic = value.getSchema().getName();
        return new Record<>("key", serde.serializer().serialize(topic, value), 0L);
    }

    @Test
    void shouldCountAndSkipAnUndecodableRecordAndKeepCounting() {
        BusinessMetricsProcessor processor = startProcessor();
        context.setRecordMetadata(RESULTS, 1, 12);

        processor.process(new Record<>("P1", new byte[] {7, 'n', 'o', 't'}, 0L));
        processor.process(new Record<>("P1", null, 0L));
        processor.process(record(result("DEPOSIT", CommandOutcome.ACCEPTED, null, List.of("P1:GEN#2"))));

        assertThat(registry.counter("alluse.undecodable.outputs", "topic", RESULTS)
                        .count())
                .isEqualTo(1);
        assertThat(registry.counter("alluse.commands", "kind", "DEPOSIT", "outcome", "ACCEPTED")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void shouldExposeTheUndecodableCounterOfEveryWatchedTopicAtZeroBeforeTheFirstOne() {
        metrics.watchOutputTopics(List.of(RESULTS, "alluse.dlq"));

        assertThat(registry.find("alluse.undecodable.outputs").counters())
                .extracting(counter -> counter.getId().getTag("topic"), counter -> counter.count())
                .containsExactlyInAnyOrder(tuple(RESULTS, 0.0), tuple("alluse.dlq", 0.0));
        context.setRecordMetadata(RESULTS, 0, 3);
        startProcessor().process(new Record<>("P1", new byte[] {7}, 0L));
        assertThat(registry.find("alluse.undecodable.outputs").counters())
                .extracting(counter -> counter.getId().getTag("topic"), counter -> counter.count())
                .containsExactlyInAnyOrder(tuple(RESULTS, 1.0), tuple("alluse.dlq", 0.0));
    }

    @Test
    void shouldCountCommandsByKindAndOutcomeAndRejectionsByReason() {
        BusinessMetricsProcessor processor = startProcessor();

        processor.process(record(result("DEPOSIT", CommandOutcome.ACCEPTED, null, List.of("P1:GEN#2"))));
        processor.process(
                record(result("WITHDRAWAL", CommandOutcome.REJECTED, ReasonCode.WITHDRAWAL_FORBIDDEN, List.of())));
        processor.process(
                record(result("made-up-kind", CommandOutcome.REJECTED, ReasonCode.INVALID_COMMAND, List.of())));

        assertThat(registry.counter("alluse.commands", "kind", "DEPOSIT", "outcome", "ACCEPTED")
                        .count())
                .isEqualTo(1);
        assertThat(registry.counter("alluse.rejections", "kind", "WITHDRAWAL", "reason", "WITHDRAWAL_FORBIDDEN")
                        .count())
                .isEqualTo(1);
        assertThat(registry.counter("alluse.commands", "kind", "UNKNOWN", "outcome", "REJECTED")
                        .count())
                .as("unknown kinds collapse")
                .isEqualTo(1);
        assertThat(registry.counter("alluse.ledger.entries").count()).isEqualTo(1);
        assertThat(registry.timer("alluse.command.latency").count()).isEqualTo(3);
        assertThat(registry.timer("alluse.command.latency").totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(3.0 * LATENCY_MS);
    }

    @Test
    void shouldCountForksFromPortfolioEvents() {
        BusinessMetricsProcessor processor = startProcessor();

        processor.process(record(new PortfolioEvent(
                "P1/c/0",
                "P1",
                "c",
                0L,
                new ForkCompleted("P1:F1", "P1:GEN", 5_000_000L, "P1:F1:GEN", 2_500_000L, "P1:F1:COM", 2_500_000L))));

        assertThat(registry.counter("alluse.forks").count()).isEqualTo(1);
    }

    @Test
    void shouldExposeRareEventCountersAtZeroBeforeTheFirstEvent() {
        // increase() in an alert needs a sample before the first event: the series must exist from the start.
        for (String name : List.of(
                "alluse.forks",
                "alluse.merges",
                "alluse.drawdown.breaches",
                "alluse.drawdown.cleared",
                "alluse.buffer.breaches")) {
            assertThat(registry.find(name).counter())
                    .as(name)
                    .isNotNull()
                    .extracting(c -> c.count())
                    .isEqualTo(0.0);
        }
        assertThat(registry.find("alluse.reinvestments").counters()).hasSize(2);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            assertThat(registry.find("alluse.dead.letters")
                            .tag("reason", reason.name())
                            .counter())
                    .as(reason.name())
                    .isNotNull();
        }
    }

    @Test
    void shouldExposeEveryKindAndOutcomeOfCommandsAtZeroBeforeTheFirstResult() {
        for (CommandKind kind : CommandKind.values()) {
            for (CommandOutcome outcome : CommandOutcome.values()) {
                assertThat(registry.find("alluse.commands")
                                .tag("kind", kind.name())
                                .tag("outcome", outcome.name())
                                .counter())
                        .as("%s %s", kind, outcome)
                        .isNotNull()
                        .extracting(c -> c.count())
                        .isEqualTo(0.0);
            }
        }
    }

    @Test
    void shouldCountInvariantViolationsFromTheirDeadLettersAndNoOtherDeadLetter() {
        BusinessMetricsProcessor processor = startProcessor();
        assertThat(registry.find("alluse.invariant.violations").counter())
                .as("exists before the first violation")
                .isNotNull();

        processor.process(
                record(deadLetter(DeadLetterReason.PROCESSING_FAILED, InvariantViolationException.class.getName())));
        processor.process(record(deadLetter(DeadLetterReason.PROCESSING_FAILED, ArithmeticException.class.getName())));
        processor.process(
                record(deadLetter(DeadLetterReason.DESERIALIZATION_FAILED, IllegalArgumentException.class.getName())));

        assertThat(registry.counter("alluse.invariant.violations").count()).isEqualTo(1);
        assertThat(registry.counter("alluse.dead.letters", "reason", "PROCESSING_FAILED")
                        .count())
                .isEqualTo(2);
    }

    @Test
    void shouldCountExecutionReportsByWhatBecameOfThemWhenTheirResultsAndDeadLettersArrive() {
        BusinessMetricsProcessor processor = startProcessor();
        assertThat(registry.find("alluse.execution.reports").counters())
                .as("every outcome exists at zero before the first report")
                .hasSize(5);

        processor.process(record(executionResult(CommandOutcome.ACCEPTED, null)));
        processor.process(record(executionResult(CommandOutcome.DUPLICATE, null)));
        processor.process(record(executionResult(CommandOutcome.REJECTED, ReasonCode.IDEMPOTENCY_CONFLICT)));
        processor.process(record(executionResult(CommandOutcome.REJECTED, ReasonCode.UNKNOWN_ACCOUNT)));
        processor.process(record(executionResult(CommandOutcome.REJECTED, ReasonCode.ACCOUNT_CLOSED)));
        DeadLetter malformed = deadLetter(DeadLetterReason.INVALID_VALUE, IllegalArgumentException.class.getName());
        malformed.setSourceTopic(EXECUTIONS);
        processor.process(record(malformed));
        processor.process(record(deadLetter(DeadLetterReason.INVALID_KEY, IllegalArgumentException.class.getName())));
        processor.process(record(result("DEPOSIT", CommandOutcome.ACCEPTED, null, List.of("P1:GEN#2"))));

        for (var expected : Map.of("booked", 1.0, "duplicate", 1.0, "conflict", 1.0, "rejected", 2.0, "malformed", 1.0)
                .entrySet()) {
            assertThat(registry.counter("alluse.execution.reports", "outcome", expected.getKey())
                            .count())
                    .as(expected.getKey())
                    .isEqualTo(expected.getValue());
        }
    }

    @Test
    void shouldMoveAssetsUnderManagementByDeltasAndRebuildThemFromTheStore() {
        BusinessMetricsProcessor processor = startProcessor();
        processor.process(record(state("P1:GEN", AccountType.GENERATION, 10_000)));
        processor.process(record(state("P1:GEN", AccountType.GENERATION, 12_500)));
        processor.process(record(state("P1:COM", AccountType.COMPOUNDING, 700)));
        assertThat(metrics.aum().totalCents(AccountType.GENERATION)).isEqualTo(12_500);

        processor.close();
        assertThat(metrics.aum().totalCents(AccountType.GENERATION))
                .as("partition handed over")
                .isZero();
        startProcessor();

        assertThat(metrics.aum().totalCents(AccountType.GENERATION))
                .as("rebuilt from the store")
                .isEqualTo(12_500);
        assertThat(metrics.aum().totalCents(AccountType.COMPOUNDING)).isEqualTo(700);
    }

    @Test
    void shouldNeverLabelMetricsWithAccountOrPortfolioIds() {
        BusinessMetricsProcessor processor = startProcessor();
        processor.process(record(result("DEPOSIT", CommandOutcome.ACCEPTED, null, List.of("P1:GEN#2"))));
        processor.process(record(state("P1:GEN", AccountType.GENERATION, 1)));

        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue())
                        .as("%s{%s}", meter.getId().getName(), tag.getKey())
                        .doesNotContain("P1");
            }
        }
    }

    private static CommandResult result(String kind, CommandOutcome outcome, ReasonCode reason, List<String> entries) {
        return CommandResult.newBuilder()
                .setCommandId("c")
                .setPortfolioId("P1")
                .setCommandKind(kind)
                .setOutcome(outcome)
                .setReasonCode(reason)
                .setLedgerEntryIds(entries)
                .setCommandPartition(0)
                .setCommandOffset(0)
                .setEventTimeMs(EVENT_TIME_MS)
                .build();
    }

    private static CommandResult executionResult(CommandOutcome outcome, ReasonCode reason) {
        CommandResult result = result("TRADE_PREMIUM", outcome, reason, List.of());
        result.setCommandId("exec:x-1");
        return result;
    }

    private static DeadLetter deadLetter(DeadLetterReason reason, String errorClass) {
        return DeadLetter.newBuilder()
                .setSourceTopic("alluse.commands")
                .setSourcePartition(0)
                .setSourceOffset(7)
                .setSourceTimestampMs(0)
                .setReason(reason)
                .setErrorClass(errorClass)
                .setErrorMessage("m")
                .setApplicationId("app")
                .setFailedAtMs(0)
                .build();
    }

    private static AccountState state(String accountId, AccountType type, long balanceCents) {
        return AccountState.newBuilder()
                .setAccountId(accountId)
                .setPortfolioId("P1")
                .setAccountType(type)
                .setStatus(AccountStatus.ACTIVE)
                .setMain(true)
                .setInitialCents(0)
                .setPrincipalCents(0)
                .setBalanceCents(balanceCents)
                .setCashBufferBps(500)
                .setCashBufferCents(0)
                .setAvailableCents(0)
                .setLastSequence(1)
                .setWeekStartBalanceCents(0)
                .setWeekNetEarningsCents(0)
                .setPerformanceIndexNanos(1)
                .setHighWaterMarkNanos(1)
                .setEarningsSinceReinvestmentCents(0)
                .setOpenedAtMs(0)
                .setUpdatedAtMs(0)
                .setLastCommandId("c")
                .build();
    }
}
