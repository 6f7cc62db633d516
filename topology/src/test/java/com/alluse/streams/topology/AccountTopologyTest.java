package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static com.alluse.streams.client.AccountCommands.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.PortfolioOpened;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.StoreNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(stateDir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void shouldKeepThePendingCalendarCloseInMemoryAndTheLedgerStoresInRocksDb() {
        assertThat(harness.persistent(StoreNames.CALENDAR_PENDING)).isFalse();
        assertThat(List.of(StoreNames.PORTFOLIOS, StoreNames.ACCOUNTS, StoreNames.LEDGER, StoreNames.RECEIPTS))
                .allSatisfy(
                        store -> assertThat(harness.persistent(store)).as(store).isTrue());
    }

    @Test
    void shouldSplitThePipelineIntoLedgerAndDownstreamRolesThatShareNoSourceNodeOrStore() {
        TopologyDescription all = describe(PipelineRole.ALL);
        TopologyDescription ledger = describe(PipelineRole.LEDGER);
        TopologyDescription downstream = describe(PipelineRole.DOWNSTREAM);

        assertThat(nodeNames(ledger)).doesNotContainAnyElementsOf(nodeNames(downstream));
        assertThat(union(nodeNames(ledger), nodeNames(downstream))).isEqualTo(nodeNames(all));
        assertThat(stores(ledger)).doesNotContainAnyElementsOf(stores(downstream));
        assertThat(union(stores(ledger), stores(downstream))).isEqualTo(stores(all));
        assertThat(ledger.subtopologies().size() + downstream.subtopologies().size())
                .isEqualTo(all.subtopologies().size());
    }

    @Test
    void shouldReadOnlyTheLedgersCommittedOutputsAndTheBrokerSnapshotsInTheDownstreamRole() {
        TopicNames topics = TopicNames.DEFAULT;

        assertThat(sourceTopics(describe(PipelineRole.DOWNSTREAM)))
                .doesNotContain(topics.commands(), topics.calendar(), topics.marketExecutions())
                .contains(topics.ledger(), topics.commandResults(), topics.brokerSnapshots());
        assertThat(sourceTopics(describe(PipelineRole.LEDGER)))
                .containsExactlyInAnyOrder(topics.commands(), topics.calendar(), topics.marketExecutions());
    }

    @Test
    void shouldNumberTheLedgersSubTopologiesAlikeInTheAllAndLedgerRoles() {
        List<String> all = describe(PipelineRole.ALL).subtopologies().stream()
                .sorted(java.util.Comparator.comparingInt(TopologyDescription.Subtopology::id))
                .map(Object::toString)
                .toList();
        List<String> ledger = describe(PipelineRole.LEDGER).subtopologies().stream()
                .sorted(java.util.Comparator.comparingInt(TopologyDescription.Subtopology::id))
                .map(Object::toString)
                .toList();

        assertThat(ledger.subList(0, 2))
                .as("the ledger and the calendar relay: their tasks and state directories keep their ids")
                .isEqualTo(all.subList(0, 2));
    }

    private static TopologyDescription describe(PipelineRole role) {
        PipelineConfig config = new PipelineConfig(
                TopicNames.DEFAULT,
                3,
                (short) 1,
                Duration.ofDays(7),
                RulesConfig.DEFAULTS,
                Map.of("schema.registry.url", "mock://roles"));
        return AccountTopology.build(config, new SimpleMeterRegistry(), role).describe();
    }

    private static Set<String> nodeNames(TopologyDescription description) {
        return nodes(description).map(TopologyDescription.Node::name).collect(Collectors.toSet());
    }

    private static Set<String> stores(TopologyDescription description) {
        return nodes(description)
                .filter(TopologyDescription.Processor.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .collect(Collectors.toSet());
    }

    private static Set<String> sourceTopics(TopologyDescription description) {
        return nodes(description)
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
    }

    private static Stream<TopologyDescription.Node> nodes(TopologyDescription description) {
        return description.subtopologies().stream().flatMap(subtopology -> subtopology.nodes().stream());
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> both = new HashSet<>(first);
        both.addAll(second);
        return both;
    }

    @Test
    void shouldOpenAPortfolioWithOneResultThreeOpeningEntriesAndStates() {
        CommandResult result = harness.send("open-1", "P1", openPortfolio(25_000_000L, null));

        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(result.getAccountIds()).containsExactly("P1:GEN", "P1:REV", "P1:COM");
        assertThat(result.getLedgerEntryIds()).containsExactly("P1:GEN#1", "P1:REV#1", "P1:COM#1");
        assertThat(harness.ledger)
                .allSatisfy(entry -> assertThat(entry.getEntryType()).isEqualTo(LedgerEntryType.OPENING));
        assertThat(harness.state("P1:GEN").getBalanceCents()).isEqualTo(10_000_000L);
        assertThat(harness.state("P1:GEN").getAvailableCents()).isEqualTo(9_500_000L);
        assertThat(harness.events)
                .singleElement()
                .satisfies(event -> assertThat(event.getPayload()).isInstanceOf(PortfolioOpened.class));
    }

    @Test
    void shouldAnswerDuplicateWithoutASecondEffectForTheSameCommandAgain() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        CommandResult first = harness.send("dep-1", "P1", deposit("P1:GEN", 100_00));
        int ledgerSize = harness.ledger.size();

        CommandResult again = harness.send("dep-1", "P1", deposit("P1:GEN", 100_00));

        assertThat(again.getOutcome()).isEqualTo(CommandOutcome.DUPLICATE);
        assertThat(again.getDuplicateOf().getCommandOffset()).isEqualTo(first.getCommandOffset());
        assertThat(again.getDuplicateOf().getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(harness.ledger).hasSize(ledgerSize);
        assertThat(harness.state("P1:GEN").getBalanceCents()).isEqualTo(10_010_000L);
    }

    @Test
    void shouldRejectAnIdempotencyConflictWithoutEffect() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        harness.send("dep-1", "P1", deposit("P1:GEN", 100_00));

        CommandResult conflict = harness.send("dep-1", "P1", deposit("P1:GEN", 999_00));

        assertThat(conflict.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(conflict.getReasonCode()).isEqualTo(ReasonCode.IDEMPOTENCY_CONFLICT);
        assertThat(harness.state("P1:GEN").getBalanceCents()).isEqualTo(10_010_000L);
    }

    @Test
    void shouldRememberRejectionsAsTheFirstResult() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        harness.send("w-1", "P1", withdrawal("P1:COM", 100_00));

        CommandResult again = harness.send("w-1", "P1", withdrawal("P1:COM", 100_00));

        assertThat(again.getOutcome()).isEqualTo(CommandOutcome.DUPLICATE);
        assertThat(again.getDuplicateOf().getReasonCode()).isEqualTo(ReasonCode.WITHDRAWAL_FORBIDDEN);
    }

    @Test
    void shouldDeadLetterGarbageBytesAndKeepProcessing() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        harness.sendRaw("P1".getBytes(StandardCharsets.UTF_8), garbage);

        assertThat(harness.deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.DESERIALIZATION_FAILED);
            assertThat(letter.getValue().array()).isEqualTo(garbage);
            assertThat(letter.getSourceTopic()).isEqualTo("alluse.commands");
            assertThat(letter.getSourceOffset()).isZero();
            assertThat(letter.getErrorMessage()).isNotBlank();
        });
        assertThat(harness.results).isEmpty();
        assertThat(harness.send("open-1", "P1", openPortfolio(100_00, null)).getOutcome())
                .isEqualTo(CommandOutcome.ACCEPTED);
    }

    @Test
    void shouldDeadLetterARecordOfAnotherSchema() {
        byte[] calendarEvent = harness.valueSerializer()
                .serialize(
                        "alluse.calendar",
                        com.alluse.streams.client.AccountCommands.calendar(CalendarKind.WEEK_CLOSE, "W1", 1));

        harness.sendRaw("P1".getBytes(StandardCharsets.UTF_8), calendarEvent);

        assertThat(harness.deadLetters)
                .singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).isEqualTo(DeadLetterReason.WRONG_SCHEMA));
    }

    @Test
    void shouldRejectACommandWhoseKeyIsNotItsPortfolio() {
        CommandResult result = harness.send("P2", command("open-1", "P1", 1, openPortfolio(100_00, null)));

        assertThat(result.getReasonCode()).isEqualTo(ReasonCode.INVALID_COMMAND);
        assertThat(harness.states).isEmpty();
    }

    @Test
    void shouldApplyACalendarEventOnceEvenWhenRepeated() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        harness.send("P1", premium("P1:GEN", 1_500_00));

        harness.calendar(CalendarKind.WEEK_CLOSE, "2026-W48");
        long indexAfterFirst = harness.state("P1:GEN").getPerformanceIndexNanos();
        harness.calendar(CalendarKind.WEEK_CLOSE, "2026-W48");

        assertThat(indexAfterFirst).isEqualTo(1_015_000_000L);
        assertThat(harness.state("P1:GEN").getPerformanceIndexNanos()).isEqualTo(indexAfterFirst);
        assertThat(harness.state("P1:GEN").getWeekStartBalanceCents()).isEqualTo(10_150_000L);
    }

    @Test
    void shouldNotLetACommandOfThePortfolioIdCalendarStandForACalendarEventOfTheSameId() {
        harness.send("open-1", "P1", openPortfolio(25_000_000L, null));
        harness.send("P1", premium("P1:GEN", 1_500_00));

        CommandResult impostor = harness.send("WEEK_CLOSE/2026-W48", "calendar", openPortfolio(100_00, null));
        harness.calendar(CalendarKind.WEEK_CLOSE, "2026-W48");

        assertThat(impostor.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(impostor.getReasonCode()).isEqualTo(ReasonCode.INVALID_COMMAND);
        assertThat(harness.state("P1:GEN").getPerformanceIndexNanos())
                .as("the week was closed")
                .isEqualTo(1_015_000_000L);
    }
}
