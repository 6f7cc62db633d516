package com.alluse.streams.simulator;

import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.client.BrokerSnapshots;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The simulated broker: fills the engine's trades and reports each as an {@link ExecutionReport} with an
 * execution id of its own, delivers a seeded share of the reports a second time (as brokers do), and at the end
 * of every week publishes one snapshot per open account with what its {@link BrokerBooks} say the account holds,
 * wrong only where the {@link DiscrepancyPlan} says so.
 */
public final class SimulatedBroker {
    private static final String SOURCE = "simulated-broker";

    private final long seed;
    private final int redeliveryPercent;
    private final SimulatedCalendar calendar;
    private final DiscrepancyPlan discrepancies;
    private final BrokerBooks books = new BrokerBooks();
    private long executions;

    /** The reports of one batch: every execution once, then the redelivered ones again in the same order. */
    public record Delivery(List<ExecutionReport> executions, List<ExecutionReport> redeliveries) {
        public Delivery {
            executions = List.copyOf(executions);
            redeliveries = List.copyOf(redeliveries);
        }

        /** What goes on the wire, in order. */
        public List<ExecutionReport> sends() {
            List<ExecutionReport> sends = new ArrayList<>(executions.size() + redeliveries.size());
            sends.addAll(executions);
            sends.addAll(redeliveries);
            return sends;
        }
    }

    public SimulatedBroker(
            long seed, int redeliveryPercent, SimulatedCalendar calendar, DiscrepancyPlan discrepancies) {
        if (redeliveryPercent < 0 || redeliveryPercent > 100) {
            throw new IllegalArgumentException("redeliveryPercent must be within 0..100, got " + redeliveryPercent);
        }
        this.seed = seed;
        this.redeliveryPercent = redeliveryPercent;
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.discrepancies = Objects.requireNonNull(discrepancies, "discrepancies");
    }

    /** Fills the trades of a week, in order, and books each once. */
    public Delivery fill(int week, List<Trade> trades) {
        List<ExecutionReport> reports = new ArrayList<>(trades.size());
        List<ExecutionReport> redeliveries = new ArrayList<>();
        Map<DayOfWeek, Integer> sequenceOfDay = new EnumMap<>(DayOfWeek.class);
        for (Trade trade : trades) {
            long number = ++executions;
            int sequence = sequenceOfDay.merge(trade.day(), 1, Integer::sum) - 1;
            ExecutionReport report = ExecutionReport.newBuilder()
                    .setExecutionId("E" + number + "-W" + week)
                    .setOrderId("O" + number)
                    .setAccountId(trade.accountId())
                    .setKind(trade.kind())
                    .setAmountCents(trade.amountCents())
                    .setSymbol(trade.symbol())
                    .setQuantity(trade.quantity())
                    .setPriceCents(trade.priceCents())
                    .setTransactTimeMs(calendar.tradeTimeMs(week, trade.day(), sequence))
                    .build();
            reports.add(report);
            books.execution(report);
            if (new SplittableRandom(seed * 31 + number).nextInt(100) < redeliveryPercent) {
                redeliveries.add(report);
            }
        }
        return new Delivery(reports, redeliveries);
    }

    /** Learns a transfer the ledger made (see {@link BrokerBooks#transfer}). */
    public void transfer(LedgerEntry entry) {
        books.transfer(entry);
    }

    /** The week's snapshot of each account, as of Friday evening. */
    public List<BrokerSnapshot> snapshots(int week, List<String> accountIds) {
        long asOfMs = calendar.snapshotAsOfMs(week);
        List<BrokerSnapshot> snapshots = new ArrayList<>(accountIds.size());
        for (String accountId : accountIds) {
            long total = Math.addExact(
                    books.balanceCents(accountId),
                    discrepancies
                            .of(week, accountId)
                            .map(DiscrepancyPlan.Discrepancy::differenceCents)
                            .orElse(0L));
            // Short options are carried in cash; say two fifths of the value sits in positions.
            long positions = Math.max(0, total) / 5 * 2;
            snapshots.add(BrokerSnapshot.newBuilder(BrokerSnapshots.snapshot(
                            snapshotId(week, accountId), accountId, asOfMs, total - positions, positions))
                    .setSource(SOURCE)
                    .build());
        }
        return snapshots;
    }

    public BrokerBooks books() {
        return books;
    }

    /** Executions filled so far (redeliveries not counted). */
    public long executions() {
        return executions;
    }

    public static String snapshotId(int week, String accountId) {
        return "W" + week + "/" + accountId;
    }
}
