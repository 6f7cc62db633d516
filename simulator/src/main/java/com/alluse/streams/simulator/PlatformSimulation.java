package com.alluse.streams.simulator;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.TopicNames;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The closed loop: the simulated strategy engine trades what {@code alluse.strategy-events} lets it trade, the
 * simulated broker reports the fills to {@code alluse.market-executions} and its week-end snapshots to
 * {@code alluse.broker-snapshots}, and the simulated calendar closes the week. Each step waits, bounded, until the
 * pipeline shows it has processed what was sent (one result per report, one reconciliation result per snapshot)
 * before the next step reads the pipeline's outputs, so the run is the same for the same seed. The pipeline
 * must run with a reconciliation max wait of at least {@link #RECONCILIATION_MAX_WAIT}.
 *
 * <p>A week has two trading steps, Monday to Wednesday (the Rev-Acc and Com-Acc entry days) and Thursday to
 * Friday (the Gen-Acc's), so that an account a merge closed in the first step is not traded in the second.
 */
public final class PlatformSimulation {
    /**
     * What the pipeline's {@code --reconciliation-max-wait} must be at least: every simulated snapshot is to wait
     * for the account's next ledger entry, never to be reconciled because its (simulated, past) as-of time is
     * long gone on the wall clock. Twenty years from {@link SimulatedCalendar#START}.
     */
    public static final Duration RECONCILIATION_MAX_WAIT = Duration.ofDays(20 * 365);

    /** Anomalies (rejections, unmatched snapshots, events after a close) kept for the outcome, each list. */
    public static final int MAX_KEPT_ANOMALIES = 100;

    private static final List<Set<DayOfWeek>> STEPS = List.of(
            EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY),
            EnumSet.of(DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));
    private static final String[] TEMPLATES = {"MODERATE", "CONSERVATIVE", "AGGRESSIVE"};
    private static final long MIN_CAPITAL_DOLLARS = 100_000;
    private static final long MAX_CAPITAL_DOLLARS = 500_000;
    /** A portfolio forks at a surplus of 4% of its capital and merges a group at 108% of that. */
    private static final long FORK_THRESHOLD_DIVISOR = 25;

    private static final int MERGE_THRESHOLD_PERCENT = 108;

    private final SimulationConfig config;
    private final KafkaConnection connection;
    private final TopicNames names;
    private final Map<String, Object> serdeConfig;
    private final SimulatedCalendar calendar = new SimulatedCalendar();
    private final StrategyBook book = new StrategyBook();
    private final SimulatedStrategyEngine engine;
    private final SimulatedBroker broker;
    private final DiscrepancyPlan discrepancies;

    private final List<CommandResult> rejections = new ArrayList<>();
    private final List<ReconciliationResult> notMatched = new ArrayList<>();
    private WeekSummary weekBefore;

    public PlatformSimulation(
            SimulationConfig config, KafkaConnection connection, TopicNames names, Map<String, Object> serdeConfig) {
        this.config = Objects.requireNonNull(config, "config");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.names = Objects.requireNonNull(names, "names");
        this.serdeConfig = Map.copyOf(serdeConfig);
        this.engine = new SimulatedStrategyEngine(config.seed(), TradingProfile.DEFAULT);
        this.discrepancies =
                DiscrepancyPlan.draw(config.seed(), config.discrepancies(), config.weeks(), config.portfolios());
        this.broker = new SimulatedBroker(config.seed(), config.redeliveryPercent(), calendar, discrepancies);
    }

    /** {@code SIM<n>}: the portfolios a run opens. */
    public static String portfolioId(int number) {
        return "SIM" + number;
    }

    /** Runs every week, handing each week's summary to {@code onWeek} as it ends. */
    public SimulationOutcome run(Consumer<WeekSummary> onWeek) {
        List<WeekSummary> weeks = new ArrayList<>(config.weeks());
        long redeliveries = 0;
        try (PipelineLink link = new PipelineLink(connection, names, serdeConfig)) {
            openPortfolios(link);
            WeekInFlight reconciling = null;
            for (int week = 0; week < config.weeks(); week++) {
                int rejectedBefore = rejections.size();
                Sent sent = trade(link, week);
                if (reconciling != null) {
                    // The previous week's snapshots were reconciled while this week traded.
                    weeks.add(finish(link, reconciling, onWeek));
                }
                link.readLedger(broker::transfer, config.stepTimeout());
                reconciling = sendSnapshots(
                        link, week, sent.executions(), sent.redeliveries(), rejections.size() - rejectedBefore);
                calendar.closes(week).forEach(link::publish);
                redeliveries += sent.redeliveries();
            }
            // The next week's trades settle the last snapshots (see docs/simulator.md); it is not reported.
            redeliveries += trade(link, config.weeks()).redeliveries();
            weeks.add(finish(link, reconciling, onWeek));
            link.readStrategyEvents(book::apply, config.stepTimeout());
            Map<MarketInstructionKind, Long> instructions = awaitInstructions(link, weeks);
            return new SimulationOutcome(
                    weeks,
                    broker.executions(),
                    redeliveries,
                    rejections,
                    notMatched,
                    discrepancies,
                    book.deployableCapital(),
                    book.eventsAfterClose(),
                    instructions);
        }
    }

    /** Reports of distinct executions and redeliveries sent. */
    private record Sent(int executions, int redeliveries) {}

    /** The week's two trading steps, each sent and awaited. */
    private Sent trade(PipelineLink link, int week) {
        int executions = 0;
        int redelivered = 0;
        for (Set<DayOfWeek> days : STEPS) {
            SimulatedBroker.Delivery delivery = broker.fill(week, engine.trades(week, book.tradable(), days));
            deliver(link, delivery.sends());
            executions += delivery.executions().size();
            redelivered += delivery.redeliveries().size();
            link.readStrategyEvents(book::apply, config.stepTimeout());
        }
        return new Sent(executions, redelivered);
    }

    private void openPortfolios(PipelineLink link) {
        SplittableRandom random = new SplittableRandom(config.seed());
        List<AccountCommand> opens = new ArrayList<>(config.portfolios());
        for (int number = 0; number < config.portfolios(); number++) {
            long capitalCents =
                    100 * (MIN_CAPITAL_DOLLARS + random.nextLong(MAX_CAPITAL_DOLLARS - MIN_CAPITAL_DOLLARS + 1));
            long forkThresholdCents = capitalCents / FORK_THRESHOLD_DIVISOR;
            long mergeThresholdCents = forkThresholdCents * MERGE_THRESHOLD_PERCENT / 100;
            opens.add(AccountCommands.command(
                    "sim-open-" + number,
                    portfolioId(number),
                    calendar.openingTimeMs(),
                    AccountCommands.openPortfolio(
                            "simulator",
                            capitalCents,
                            TEMPLATES[random.nextInt(TEMPLATES.length)],
                            forkThresholdCents,
                            mergeThresholdCents)));
        }
        Map<String, Integer> expected = new HashMap<>();
        opens.forEach(open -> expected.put(open.getCommandId(), 1));
        link.sendCommands(opens);
        link.awaitResults(expected, config.stepTimeout(), result -> {
            if (result.getOutcome() != CommandOutcome.ACCEPTED) {
                throw new IllegalStateException("the pipeline refused to open " + result.getPortfolioId() + ": "
                        + result.getReasonCode() + " " + result.getReasonMessage());
            }
        });
        link.readStrategyEvents(book::apply, config.stepTimeout());
    }

    /** Sends the reports in batches of at most {@code maxReportsPerStep}, each awaited: one result per report. */
    private void deliver(PipelineLink link, List<ExecutionReport> sends) {
        for (int from = 0; from < sends.size(); from += config.maxReportsPerStep()) {
            List<ExecutionReport> batch =
                    sends.subList(from, Math.min(sends.size(), from + config.maxReportsPerStep()));
            Map<String, Integer> expected = new HashMap<>();
            batch.forEach(report -> expected.merge("exec:" + report.getExecutionId(), 1, Integer::sum));
            link.sendReports(batch);
            link.awaitResults(expected, config.stepTimeout(), this::check);
        }
    }

    private void check(CommandResult result) {
        if (result.getOutcome() == CommandOutcome.REJECTED && rejections.size() < MAX_KEPT_ANOMALIES) {
            rejections.add(result);
        }
    }

    /**
     * Sends one snapshot per open account as of the week's end. The pipeline reconciles a snapshot when it reads
     * the account's first ledger entry after the as-of time (next week's first trade or merge): that entry comes
     * after all of the week's entries of the account on the same partition, so the comparison never races the
     * ledger. The results are therefore awaited after the next week's trades.
     */
    private WeekInFlight sendSnapshots(PipelineLink link, int week, int executions, int redelivered, int rejected) {
        List<String> open = book.open().stream().map(AccountView::accountId).toList();
        List<BrokerSnapshot> snapshots = broker.snapshots(week, open);
        Set<String> ids = new LinkedHashSet<>();
        snapshots.forEach(snapshot -> ids.add(snapshot.getSnapshotId()));
        link.sendSnapshots(snapshots);
        int forks = book.forkGroupsOpened();
        int merges = book.forkGroupsMerged();
        WeekSummary counts = new WeekSummary(
                week,
                calendar.weekId(week),
                open.size(),
                forks - (weekBefore == null ? 0 : weekBefore.totalForks()),
                forks,
                merges - (weekBefore == null ? 0 : weekBefore.totalMerges()),
                merges,
                0,
                0,
                0,
                0,
                executions,
                redelivered,
                rejected);
        weekBefore = counts;
        return new WeekInFlight(counts, ids);
    }

    /** A week whose trading is done and whose snapshots are being reconciled. */
    private record WeekInFlight(WeekSummary counts, Set<String> snapshotIds) {}

    /** Awaits the week's reconciliation results and completes its summary with them. */
    private WeekSummary finish(PipelineLink link, WeekInFlight week, Consumer<WeekSummary> onWeek) {
        Map<ReconciliationStatus, Integer> statuses = new EnumMap<>(ReconciliationStatus.class);
        long aumCents = 0;
        for (ReconciliationResult result : link.awaitReconciliation(week.snapshotIds(), config.stepTimeout())) {
            statuses.merge(result.getStatus(), 1, Integer::sum);
            if (result.getLedgerBalanceCents() != null) {
                aumCents = Math.addExact(aumCents, result.getLedgerBalanceCents());
            }
            if (result.getStatus() != ReconciliationStatus.MATCHED && notMatched.size() < MAX_KEPT_ANOMALIES) {
                notMatched.add(result);
            }
        }
        WeekSummary summary = week.counts()
                .reconciled(
                        aumCents,
                        statuses.getOrDefault(ReconciliationStatus.MATCHED, 0),
                        statuses.getOrDefault(ReconciliationStatus.MISMATCH, 0),
                        statuses.getOrDefault(ReconciliationStatus.UNRECONCILED, 0));
        onWeek.accept(summary);
        return summary;
    }

    /**
     * Waits until the market instructions hold one CLOSE_ALL_POSITIONS per closed account and one
     * RECONCILIATION_MISMATCH per mismatch seen: they come from a sub-topology of their own, behind the ledger.
     */
    private Map<MarketInstructionKind, Long> awaitInstructions(PipelineLink link, List<WeekSummary> weeks) {
        long closed = book.accounts() - book.open().size();
        long mismatches = weeks.stream().mapToLong(WeekSummary::mismatched).sum();
        Map<MarketInstructionKind, Long> counts = new EnumMap<>(MarketInstructionKind.class);
        link.awaitInstructions(
                instruction -> counts.merge(instruction.getKind(), 1L, Long::sum),
                () -> counts.getOrDefault(MarketInstructionKind.CLOSE_ALL_POSITIONS, 0L) >= closed
                        && counts.getOrDefault(MarketInstructionKind.RECONCILIATION_MISMATCH, 0L) >= mismatches,
                config.stepTimeout());
        return counts;
    }
}
