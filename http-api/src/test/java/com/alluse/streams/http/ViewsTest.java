package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.domain.Template;
import com.alluse.streams.processors.StoredReceipt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The views name their fields themselves: these are the HTTP contract, whatever the store schemas become. */
class ViewsTest {
    private final Views views = new Views();

    @Test
    void shouldRenderThePortfolioFieldsOfTheContractWithMoneyAsDecimalStrings() {
        Portfolio portfolio = new Portfolio(
                "P1",
                "owner-1",
                Template.MODERATE,
                250_000_00L,
                50_000_00L,
                500_000_00L,
                1_764_000_000_000L,
                2,
                1,
                new Portfolio.Flows(1_00L, 2_00L, 3_00L, 4_00L, 5L));

        ObjectNode json = views.portfolio(portfolio, List.of());

        assertThat(fieldNames(json))
                .containsExactly(
                        "portfolioId",
                        "ownerId",
                        "template",
                        "capital",
                        "forkThreshold",
                        "mergeThreshold",
                        "forkCount",
                        "mergeCount",
                        "deposits",
                        "withdrawals",
                        "premiums",
                        "losses",
                        "commissions",
                        "openedAtMs",
                        "accounts",
                        "totalsByType",
                        "total",
                        "forkTree");
        assertThat(json.path("template").asText()).isEqualTo("MODERATE");
        assertThat(json.path("capital").asText()).isEqualTo("250000.00");
        assertThat(json.path("commissions").asText()).isEqualTo("0.05");
        assertThat(json.path("forkCount").asInt()).isEqualTo(2);
        assertThat(json.path("openedAtMs").asLong()).isEqualTo(1_764_000_000_000L);
    }

    @Test
    void shouldGiveAnAcceptedReceiptAConsistencyTokenAndARejectedOneItsReason() {
        ObjectNode accepted = views.receipt("P1", new StoredReceipt("c1", CommandOutcome.ACCEPTED, null, 2, 41L));
        ObjectNode rejected = views.receipt(
                "P1", new StoredReceipt("c2", CommandOutcome.REJECTED, ReasonCode.INVALID_AMOUNT, 2, 42L));

        assertThat(accepted.path("consistencyToken").asText()).isEqualTo(new ConsistencyToken(2, 41L).toString());
        assertThat(accepted.has("reasonCode")).isFalse();
        assertThat(rejected.path("reasonCode").asText()).isEqualTo("INVALID_AMOUNT");
        assertThat(rejected.has("consistencyToken")).isFalse();
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shouldShowTheLatestReconciliationWithItsLastMatchedTimeAndMoneyAsDecimals() {
        ReconciliationResult mismatch = ReconciliationResult.newBuilder()
                .setResultId("P1:GEN/s2")
                .setAccountId("P1:GEN")
                .setSnapshotId("s2")
                .setStatus(ReconciliationStatus.MISMATCH)
                .setAsOfMs(1_764_000_060_000L)
                .setBrokerTotalCents(10_000_101L)
                .setLedgerBalanceCents(10_000_000L)
                .setDifferenceCents(101L)
                .setToleranceCents(100)
                .setToleranceBps(0)
                .setLastMatchedAsOfMs(1_764_000_000_000L)
                .setReconciledAtMs(1_764_000_061_000L)
                .build();

        ObjectNode json = views.reconciliation(mismatch);

        assertThat(json.path("status").asText()).isEqualTo("MISMATCH");
        assertThat(json.path("asOf").asText()).isEqualTo("2025-11-24T16:01:00Z");
        assertThat(json.path("lastMatchedAsOf").asText()).isEqualTo("2025-11-24T16:00:00Z");
        assertThat(json.path("latest").path("difference").asText()).isEqualTo("1.01");
        assertThat(views.reconciliation(ReconciliationResult.newBuilder(mismatch)
                                .setLastMatchedAsOfMs(null)
                                .build())
                        .path("lastMatchedAsOf")
                        .isNull())
                .isTrue();
    }
}
