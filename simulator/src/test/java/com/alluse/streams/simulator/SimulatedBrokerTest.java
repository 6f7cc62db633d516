package com.alluse.streams.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LedgerEntryType;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedBrokerTest {
    private final SimulatedCalendar calendar = new SimulatedCalendar();

    @Test
    void shouldGiveEveryExecutionAnIdOfItsOwn() {
        SimulatedBroker broker = broker(0, DiscrepancyPlan.draw(1, 0, 2, 1));

        List<ExecutionReport> reports =
                new ArrayList<>(broker.fill(0, trades(100)).executions());
        reports.addAll(broker.fill(1, trades(100)).executions());

        assertThat(reports.stream().map(ExecutionReport::getExecutionId)).doesNotHaveDuplicates();
        assertThat(broker.executions()).isEqualTo(200);
    }

    @Test
    void shouldRedeliverAboutTheConfiguredShareAfterTheFirstDeliveries() {
        SimulatedBroker.Delivery delivery =
                broker(10, DiscrepancyPlan.draw(1, 0, 2, 1)).fill(0, trades(1_000));

        assertThat(delivery.redeliveries()).hasSizeBetween(60, 140);
        assertThat(delivery.executions()).containsAll(delivery.redeliveries());
        assertThat(delivery.sends()).hasSize(1_000 + delivery.redeliveries().size());
        assertThat(delivery.sends().subList(1_000, delivery.sends().size())).isEqualTo(delivery.redeliveries());
    }

    @Test
    void shouldNotRedeliverAtZeroPercent() {
        assertThat(broker(0, DiscrepancyPlan.draw(1, 0, 2, 1))
                        .fill(0, trades(500))
                        .redeliveries())
                .isEmpty();
    }

    @Test
    void shouldReportTheTradeAsTheMarketIntegrationContractSays() {
        Trade trade = new Trade("P1:GEN", DayOfWeek.THURSDAY, ExecutionKind.PREMIUM, 1_234, "SPY-G", 2, 617);

        ExecutionReport report = broker(0, DiscrepancyPlan.draw(1, 0, 2, 1))
                .fill(3, List.of(trade))
                .executions()
                .get(0);

        assertThat(report.getAccountId()).isEqualTo("P1:GEN");
        assertThat(report.getKind()).isEqualTo(ExecutionKind.PREMIUM);
        assertThat(report.getAmountCents()).isEqualTo(1_234);
        assertThat(report.getQuantity()).isEqualTo(2);
        assertThat(report.getPriceCents()).isEqualTo(617);
        assertThat(report.getTransactTimeMs()).isEqualTo(calendar.tradeTimeMs(3, DayOfWeek.THURSDAY, 0));
    }

    @Test
    void shouldSnapshotWhatItsBooksHoldExceptWhereADiscrepancyIsPlanned() {
        DiscrepancyPlan plan = DiscrepancyPlan.draw(5, 1, 2, 1);
        DiscrepancyPlan.Discrepancy wrong = plan.all().get(0);
        SimulatedBroker broker = broker(0, plan);
        for (String suffix : List.of(":GEN", ":REV", ":COM")) {
            broker.transfer(TestEvents.entry("SIM0" + suffix, LedgerEntryType.OPENING, 1_000_000));
        }
        broker.fill(1, List.of(new Trade("SIM0:GEN", DayOfWeek.THURSDAY, ExecutionKind.PREMIUM, 500, "SPY-G", 1, 500)));

        Map<String, Long> totals = broker.snapshots(1, List.of("SIM0:GEN", "SIM0:REV", "SIM0:COM")).stream()
                .collect(Collectors.toMap(
                        BrokerSnapshot::getAccountId, s -> s.getCashCents() + s.getPositionsValueCents()));

        Map<String, Long> expected =
                new java.util.HashMap<>(Map.of("SIM0:GEN", 1_000_500L, "SIM0:REV", 1_000_000L, "SIM0:COM", 1_000_000L));
        expected.merge(wrong.accountId(), wrong.differenceCents(), Long::sum);
        assertThat(totals).isEqualTo(expected);
    }

    @Test
    void shouldNameSnapshotsByWeekAndAccountAsOfFridayEvening() {
        List<BrokerSnapshot> snapshots =
                broker(0, DiscrepancyPlan.draw(1, 0, 2, 1)).snapshots(1, List.of("P1:GEN"));

        assertThat(snapshots).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.getSnapshotId()).isEqualTo("W1/P1:GEN");
            assertThat(snapshot.getAsOfMs()).isEqualTo(calendar.snapshotAsOfMs(1));
            assertThat(snapshot.getCashCents()).isNotNegative();
            assertThat(snapshot.getPositionsValueCents()).isNotNegative();
        });
        assertThat(Set.of(SimulatedBroker.snapshotId(1, "P1:GEN"))).contains("W1/P1:GEN");
    }

    private SimulatedBroker broker(int redeliveryPercent, DiscrepancyPlan plan) {
        return new SimulatedBroker(9, redeliveryPercent, calendar, plan);
    }

    private static List<Trade> trades(int count) {
        List<Trade> trades = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            trades.add(
                    new Trade("P" + i + ":REV", DayOfWeek.MONDAY, ExecutionKind.PREMIUM, 100 + i, "SPY-R", 1, 100 + i));
        }
        return trades;
    }
}
