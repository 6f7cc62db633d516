package com.alluse.streams.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExecutionReportJsonTest {
    private static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");
    private final ExecutionReportJson parser = new ExecutionReportJson(Clock.fixed(NOW, ZoneOffset.UTC));

    private static String line(String extra) {
        return "{\"executionId\":\"x-1\",\"orderId\":\"o-1\",\"accountId\":\"P1:GEN\",\"kind\":\"PREMIUM\"" + extra
                + "}";
    }

    @Test
    void shouldParseAFullReportWithMoneyAsDecimalStrings() throws Exception {
        ExecutionReport report = parser.parse(
                line(
                        ",\"amount\":\"150.00\",\"symbol\":\"SPY\",\"quantity\":2,\"price\":\"0.75\",\"transactTime\":\"2026-11-24T15:30:00Z\""));

        assertThat(report)
                .isEqualTo(new ExecutionReport(
                        "x-1",
                        "o-1",
                        "P1:GEN",
                        ExecutionKind.PREMIUM,
                        15_000L,
                        "SPY",
                        2L,
                        75L,
                        Instant.parse("2026-11-24T15:30:00Z").toEpochMilli()));
    }

    @Test
    void shouldLeaveOptionalFieldsNullAndTakeNowWhenNoTransactTimeIsGiven() throws Exception {
        ExecutionReport report = parser.parse(line(",\"amountCents\":65").replace("PREMIUM", "COMMISSION"));

        assertThat(report.getKind()).isEqualTo(ExecutionKind.COMMISSION);
        assertThat(report.getAmountCents()).isEqualTo(65L);
        assertThat(report.getSymbol()).isNull();
        assertThat(report.getQuantity()).isNull();
        assertThat(report.getPriceCents()).isNull();
        assertThat(report.getTransactTimeMs()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void shouldPassARepresentableButInvalidAmountOnForThePipelineToAnswer() throws Exception {
        assertThat(parser.parse(line(",\"amountCents\":0")).getAmountCents()).isZero();
    }

    @Test
    void shouldRejectAnUnknownKindOrFieldAndAMissingOrInexactAmount() {
        assertThatThrownBy(() -> parser.parse(line(",\"amount\":\"1.00\"").replace("PREMIUM", "DIVIDEND")))
                .hasMessageStartingWith("unknown kind \"DIVIDEND\" (expected one of UNKNOWN, PREMIUM");
        assertThatThrownBy(() -> parser.parse(line(",\"amount\":\"1.00\",\"side\":\"SELL\"")))
                .hasMessageStartingWith("unknown field \"side\" for an execution report");
        assertThatThrownBy(() -> parser.parse(line(""))).hasMessageStartingWith("missing \"amount\"");
        assertThatThrownBy(() -> parser.parse(line(",\"amount\":\"1.005\"")))
                .hasMessage("\"amount\" must have at most 2 fraction digits, got \"1.005\"");
        assertThatThrownBy(() -> parser.parse(line(",\"amount\":\"1.00\",\"quantity\":\"2\"")))
                .hasMessageStartingWith("\"quantity\" must be a JSON integer");
    }
}
