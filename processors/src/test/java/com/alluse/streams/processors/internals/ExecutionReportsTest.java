package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.TradePremium;
import org.junit.jupiter.api.Test;

class ExecutionReportsTest {
    @Test
    void shouldAcceptAReportWithinTheContractWithOrWithoutItsOptionalFields() {
        ExecutionReport commissionAlone = report();
        commissionAlone.setKind(ExecutionKind.COMMISSION);
        commissionAlone.setSymbol(null);
        commissionAlone.setQuantity(null);
        commissionAlone.setPriceCents(null);

        assertThat(ExecutionReports.problem(report())).isEmpty();
        assertThat(ExecutionReports.problem(commissionAlone)).isEmpty();
    }

    @Test
    void shouldNameTheProblemWhenAnIdIsBlankOrOversized() {
        ExecutionReport blankOrder = report();
        blankOrder.setOrderId(" ");
        ExecutionReport longAccount = report();
        longAccount.setAccountId("P1:" + "G".repeat(126));
        ExecutionReport longSymbol = report();
        longSymbol.setSymbol("S".repeat(33));

        assertThat(ExecutionReports.problem(blankOrder)).contains("orderId must not be blank");
        assertThat(ExecutionReports.problem(longAccount)).contains("accountId has 129 characters, more than 128");
        assertThat(ExecutionReports.problem(longSymbol)).contains("symbol has 33 characters, more than 32");
    }

    @Test
    void shouldNameTheProblemWhenQuantityPriceOrTimeIsOutOfRange() {
        ExecutionReport noQuantity = report();
        noQuantity.setQuantity(0L);
        ExecutionReport negativePrice = report();
        negativePrice.setPriceCents(-1L);
        ExecutionReport beforeEpoch = report();
        beforeEpoch.setTransactTimeMs(-1L);

        assertThat(ExecutionReports.problem(noQuantity)).contains("quantity must be > 0 when given, got 0");
        assertThat(ExecutionReports.problem(negativePrice)).contains("priceCents must be >= 0 when given, got -1");
        assertThat(ExecutionReports.problem(beforeEpoch)).contains("transactTimeMs must be >= 0, got -1");
    }

    @Test
    void shouldBookAReportAsACommandOfTheAccountsPortfolioAtItsTransactTime() {
        AccountCommand command = ExecutionReports.toCommand(report());

        assertThat(command.getCommandId()).isEqualTo("exec:x-1");
        assertThat(command.getPortfolioId()).isEqualTo("P7");
        assertThat(command.getEventTimeMs()).isEqualTo(1_764_000_000_000L);
        assertThat(command.getPayload()).isEqualTo(new TradePremium("P7:F2:GEN", 15_000L, "x-1", "SPY"));
    }

    @Test
    void shouldRefuseToBookAnUnknownKind() {
        ExecutionReport unknown = report();
        unknown.setKind(ExecutionKind.UNKNOWN);

        assertThat(ExecutionReports.problem(unknown)).isPresent();
        assertThatThrownBy(() -> ExecutionReports.toCommand(unknown)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ExecutionReport report() {
        return ExecutionReport.newBuilder()
                .setExecutionId("x-1")
                .setOrderId("o-1")
                .setAccountId("P7:F2:GEN")
                .setKind(ExecutionKind.PREMIUM)
                .setAmountCents(15_000L)
                .setSymbol("SPY")
                .setQuantity(1L)
                .setPriceCents(150L)
                .setTransactTimeMs(1_764_000_000_000L)
                .build();
    }
}
