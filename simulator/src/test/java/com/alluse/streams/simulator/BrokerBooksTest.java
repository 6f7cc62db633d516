package com.alluse.streams.simulator;

import static com.alluse.streams.simulator.TestEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LedgerEntryType;
import org.junit.jupiter.api.Test;

class BrokerBooksTest {
    private final BrokerBooks books = new BrokerBooks();

    @Test
    void shouldLearnTransfersFromTheLedger() {
        books.transfer(entry("P1:GEN", LedgerEntryType.OPENING, 100_000));
        books.transfer(entry("P1:GEN", LedgerEntryType.FORK_OUT, -5_000));
        books.transfer(entry("P1:F1:GEN", LedgerEntryType.FORK_IN, 2_500));
        books.transfer(entry("P1:GEN", LedgerEntryType.DEPOSIT, 1_000));

        assertThat(books.balanceCents("P1:GEN")).isEqualTo(96_000);
        assertThat(books.balanceCents("P1:F1:GEN")).isEqualTo(2_500);
    }

    @Test
    void shouldIgnoreTheLedgersMarketFactsAndKnowItsOwnExecutions() {
        books.transfer(entry("P1:GEN", LedgerEntryType.OPENING, 100_000));
        books.transfer(entry("P1:GEN", LedgerEntryType.PREMIUM, 999));
        books.transfer(entry("P1:GEN", LedgerEntryType.REINVESTMENT, 0));
        books.execution(report(ExecutionKind.PREMIUM, 300));
        books.execution(report(ExecutionKind.COMMISSION, 65));
        books.execution(report(ExecutionKind.ASSIGNMENT_LOSS, 35));

        assertThat(books.balanceCents("P1:GEN")).isEqualTo(100_200);
    }

    @Test
    void shouldKnowNothingOfAnAccountItNeverSaw() {
        assertThat(books.balanceCents("P9:GEN")).isZero();
        assertThat(books.balances()).isEmpty();
    }

    private static ExecutionReport report(ExecutionKind kind, long amountCents) {
        return ExecutionReport.newBuilder()
                .setExecutionId("E1")
                .setOrderId("O1")
                .setAccountId("P1:GEN")
                .setKind(kind)
                .setAmountCents(amountCents)
                .setTransactTimeMs(1)
                .build();
    }
}
