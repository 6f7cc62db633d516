package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.domain.AccountType;
import com.alluse.streams.processors.reconciliation.ReconciliationConfig;
import com.alluse.streams.simulator.DiscrepancyPlan;
import com.alluse.streams.simulator.PlatformSimulation;
import com.alluse.streams.simulator.SimulationConfig;
import com.alluse.streams.simulator.SimulationOutcome;
import com.alluse.streams.simulator.WeekSummary;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.PipelineChecks;
import com.alluse.streams.topology.StreamsSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole ALL-USE loop on a real broker (issue 11): the simulated strategy engine, broker and calendar around
 * the pipeline for half a year of weeks over a hundred portfolios, a tenth of the execution reports delivered
 * twice and a known set of wrong broker snapshots. The assertions read the pipeline's topics, not the
 * simulator's counters.
 */
@Timeout(300)
class ClosedLoopIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 3;
    private static final int WEEKS = 26;
    private static final int PORTFOLIOS = 100;
    private static final int REDELIVERY_PERCENT = 10;
    private static final int DISCREPANCIES = 7;
    /** Printed; {@code -Dclosedloop.kill-seed=N} repeats the week the instance dies in. */
    private static final long KILL_SEED = Long.getLong("closedloop.kill-seed", System.currentTimeMillis());
    /** A week with at least two weeks of trading before it and after it, drawn from {@link #KILL_SEED}. */
    private static final int KILL_AFTER_WEEK = 2 + new Random(KILL_SEED).nextInt(WEEKS - 4);

    private static final Set<LedgerEntryType> MARKET_FACTS =
            EnumSet.of(LedgerEntryType.PREMIUM, LedgerEntryType.LOSS, LedgerEntryType.COMMISSION);

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private AccountStreamsApp app;
    private final List<AppProcess> instances = new ArrayList<>();

    @BeforeEach
    void startBroker() {
        kafka = new BrokerFixture(dir);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        instances.forEach(AppProcess::close);
        kafka.close();
    }

    @Test
    void shouldBookEveryExecutionOnceFlagOnlyTheInjectedDiscrepanciesAndKeepTheEngineInStep() throws Exception {
        startInProcessInstance();

        assertClosedLoop(simulate("in-process", week -> {}));
    }

    /**
     * Two instances: this JVM's and one in a JVM of its own, which is SIGKILLed in the middle of the run (no
     * commit, no leaving the group) and not restarted. The survivor takes its tasks over once its session times
     * out, the killed transactions abort, and the loop ends with the same assertions true. Only the victim is a
     * process of its own: a second child JVM would cost the suite its start and warm-up for nothing.
     */
    @Test
    void shouldEndTheSameWayWhenAnInstanceIsSigkilledMidRun() throws Exception {
        AppProcess victim = startInstance(1);
        instances.add(victim);
        startInProcessInstance();
        victim.awaitRunning(WAIT);
        System.out.printf(
                "closed loop: the instance dies in week %d (repeat with -Dclosedloop.kill-seed=%d)%n",
                KILL_AFTER_WEEK, KILL_SEED);

        SimulationOutcome outcome = simulate("one instance killed in week " + KILL_AFTER_WEEK, week -> {
            if (week.week() == KILL_AFTER_WEEK) {
                killQuietly(victim);
            }
        });

        assertThat(victim.isAlive()).isFalse();
        assertClosedLoop(outcome);
    }

    private void startInProcessInstance() throws InterruptedException {
        app = new AccountStreamsApp(
                kafka.pipeline(PARTITIONS)
                        .withReconciliation(
                                ReconciliationConfig.DEFAULTS.withMaxWait(PlatformSimulation.RECONCILIATION_MAX_WAIT)),
                StreamsSettings.local(kafka.bootstrapServers(), dir.resolve("state"))
                        .toProperties(),
                Duration.ofSeconds(30));
        app.start(WAIT);
        app.awaitRunning(WAIT);
    }

    private AppProcess startInstance(int number) throws IOException {
        List<String> args = AppProcess.runArgs(kafka, dir.resolve("instance-" + number), PARTITIONS);
        args.addAll(List.of(
                "--http-port",
                "0",
                // The survivor restores the killed instance's few stores from their changelogs.
                "--standby-replicas",
                "0",
                "--reconciliation-max-wait",
                PlatformSimulation.RECONCILIATION_MAX_WAIT.toString(),
                // A killed member must leave the group quickly (6 s is the broker's minimum).
                "--config",
                "session.timeout.ms=6000",
                "--config",
                "heartbeat.interval.ms=1000"));
        return AppProcess.start(dir.resolve("instance-" + number + ".log"), args);
    }

    private static void killQuietly(AppProcess instance) {
        try {
            instance.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted killing an instance", e);
        }
    }

    private SimulationOutcome simulate(String setting, Consumer<WeekSummary> onWeek) {
        long startedNanos = System.nanoTime();
        long startedCpuNanos = processCpuNanos();
        SimulationOutcome outcome = new PlatformSimulation(
                        SimulationConfig.of(WEEKS, PORTFOLIOS, 42L, REDELIVERY_PERCENT, DISCREPANCIES),
                        KafkaConnection.plaintext(kafka.bootstrapServers()),
                        kafka.topics,
                        kafka.serdeConfig)
                .run(week -> {
                    System.out.println(week.line());
                    onWeek.accept(week);
                });
        System.out.printf(
                "ClosedLoopIT (%s): %d weeks, %d executions (+%d redelivered) in %d ms, %d ms of CPU in this JVM%n",
                setting,
                outcome.weeks().size(),
                outcome.executions(),
                outcome.redeliveries(),
                Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(),
                Duration.ofNanos(processCpuNanos() - startedCpuNanos).toMillis());
        return outcome;
    }

    private void assertClosedLoop(SimulationOutcome outcome) {
        WeekSummary last = outcome.lastWeek();
        assertThat(outcome.weeks()).hasSize(WEEKS);
        assertThat(last.totalForks()).as("forks happened").isPositive();
        assertThat(last.totalMerges()).as("merges happened").isPositive();
        assertThat(outcome.redeliveries()).as("reports were redelivered").isPositive();
        assertThat(outcome.rejections()).as("no execution report was refused").isEmpty();

        assertEveryExecutionBookedOnce(outcome);
        assertOnlyTheInjectedDiscrepanciesFlagged(outcome.discrepancies());
        Map<String, AccountState> states =
                PipelineChecks.latestStates(kafka.readToEnd(kafka.topics.accountState(), AccountState.class, WAIT));
        assertOneCloseAllPositionsPerClosedAccount(states, outcome.discrepancies());
        assertEngineDeployableCapitalMatchesAccountState(outcome.deployableCapital(), states);
        assertNoStrategyEventAfterClose(outcome);
    }

    /** Broker, pipeline and simulator share this JVM: its CPU time is the run's cost, whatever else the machine runs. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void assertEveryExecutionBookedOnce(SimulationOutcome outcome) {
        List<ExecutionReport> reports = kafka.readToEnd(kafka.topics.marketExecutions(), ExecutionReport.class, WAIT);
        Set<String> reported =
                reports.stream().map(ExecutionReport::getExecutionId).collect(Collectors.toSet());
        assertThat(reports).hasSize((int) (outcome.executions() + outcome.redeliveries()));
        assertThat(reported).hasSize((int) outcome.executions());

        List<String> booked = kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT).stream()
                .filter(entry -> MARKET_FACTS.contains(entry.getEntryType()))
                .map(entry -> entry.getCommandId().substring("exec:".length()))
                .toList();
        assertThat(booked).as("no execution booked twice").doesNotHaveDuplicates();
        assertThat(new HashSet<>(booked)).as("every execution booked").isEqualTo(reported);
    }

    private void assertOnlyTheInjectedDiscrepanciesFlagged(DiscrepancyPlan plan) {
        List<ReconciliationResult> results =
                kafka.readToEnd(kafka.topics.reconciliation(), ReconciliationResult.class, WAIT);
        assertThat(results.stream().map(ReconciliationResult::getSnapshotId)).doesNotHaveDuplicates();
        Map<String, Long> flagged = results.stream()
                .filter(result -> result.getStatus() != ReconciliationStatus.MATCHED)
                .collect(Collectors.toMap(
                        ReconciliationResult::getSnapshotId,
                        result -> result.getStatus() == ReconciliationStatus.MISMATCH
                                ? result.getDifferenceCents()
                                : Long.MIN_VALUE,
                        (a, b) -> a,
                        TreeMap::new));
        Map<String, Long> injected = new TreeMap<>();
        plan.bySnapshotId()
                .forEach((snapshotId, discrepancy) -> injected.put(snapshotId, discrepancy.differenceCents()));
        assertThat(injected).hasSize(DISCREPANCIES);
        assertThat(flagged).as("flagged exactly the injected discrepancies").isEqualTo(injected);
    }

    private void assertOneCloseAllPositionsPerClosedAccount(Map<String, AccountState> states, DiscrepancyPlan plan) {
        Set<String> closed = states.values().stream()
                .filter(state -> state.getStatus() == AccountStatus.CLOSED)
                .map(AccountState::getAccountId)
                .collect(Collectors.toSet());
        assertThat(closed).as("merges closed accounts").isNotEmpty();
        List<MarketInstruction> instructions =
                kafka.readToEnd(kafka.topics.marketInstructions(), MarketInstruction.class, WAIT);
        assertThat(instructions.stream().map(MarketInstruction::getInstructionId))
                .doesNotHaveDuplicates();
        assertThat(instructions.stream()
                        .filter(i -> i.getKind() == MarketInstructionKind.CLOSE_ALL_POSITIONS)
                        .map(MarketInstruction::getAccountId))
                .as("one close-all-positions per merged or closed account")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(closed);
        assertThat(instructions.stream()
                        .filter(i -> i.getKind() == MarketInstructionKind.RECONCILIATION_MISMATCH)
                        .map(MarketInstruction::getSnapshotId))
                .containsExactlyInAnyOrderElementsOf(plan.bySnapshotId().keySet());
    }

    private static void assertEngineDeployableCapitalMatchesAccountState(
            Map<String, Long> engine, Map<String, AccountState> states) {
        Map<String, Long> expected = new HashMap<>();
        for (AccountState state : states.values()) {
            int sizingBps = AccountType.valueOf(state.getAccountType().name()).positionSizingBps();
            expected.put(
                    state.getAccountId(),
                    state.getStatus() == AccountStatus.CLOSED
                            ? 0L
                            : Math.multiplyExact(state.getAvailableCents(), (long) sizingBps) / 10_000);
        }
        assertThat(engine).as("deployable capital = available x sizing").isEqualTo(expected);
    }

    private void assertNoStrategyEventAfterClose(SimulationOutcome outcome) {
        assertThat(outcome.eventsAfterClose()).isEmpty();
        Set<String> closed = new HashSet<>();
        List<String> late = kafka.readToEnd(kafka.topics.strategyEvents(), StrategyEvent.class, WAIT).stream()
                .filter(event -> {
                    boolean after = closed.contains(event.getAccountId());
                    if (event.getKind() == StrategyEventKind.ACCOUNT_CLOSED) {
                        closed.add(event.getAccountId());
                    }
                    return after;
                })
                .map(StrategyEvent::getEventId)
                .toList();
        assertThat(late).as("strategy events after ACCOUNT_CLOSED").isEmpty();
        assertThat(closed).isNotEmpty();
    }
}
