package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.domain.EntryType;
import com.alluse.streams.domain.LedgerEntry;
import com.alluse.streams.domain.ReinvestmentSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LedgerEntryMapperTest {

    @Test
    void shouldCarryEveryFieldOfAMergeEntry() {
        LedgerEntry entry = new LedgerEntry(
                "P1:F1:GEN#4",
                "P1",
                "P1:F1:GEN",
                4L,
                EntryType.MERGE_OUT,
                -30_000_000L,
                0L,
                "cmd-8",
                "P1:F1",
                "P1:M1",
                null,
                1_700_000_000_000L);

        assertThat(LedgerEntryMapper.toAvro(entry))
                .isEqualTo(com.alluse.streams.avro.LedgerEntry.newBuilder()
                        .setEntryId("P1:F1:GEN#4")
                        .setPortfolioId("P1")
                        .setAccountId("P1:F1:GEN")
                        .setSequence(4L)
                        .setEntryType(LedgerEntryType.MERGE_OUT)
                        .setAmountCents(-30_000_000L)
                        .setBalanceAfterCents(0L)
                        .setCommandId("cmd-8")
                        .setForkId("P1:F1")
                        .setMergeId("P1:M1")
                        .setReinvestment(null)
                        .setEventTimeMs(1_700_000_000_000L)
                        .build());
    }

    @Test
    void shouldCarryTheSplitOfAReinvestmentEntry() {
        LedgerEntry entry = new LedgerEntry(
                "P1:REV#3",
                "P1",
                "P1:REV",
                3L,
                EntryType.REINVESTMENT,
                0L,
                8_500_000L,
                "QUARTER_CLOSE/2026-Q1",
                null,
                null,
                new ReinvestmentSplit(750_001L, 250_000L),
                1L);

        var avro = LedgerEntryMapper.toAvro(entry);

        assertThat(avro.getReinvestment().getContractsCents()).isEqualTo(750_001L);
        assertThat(avro.getReinvestment().getLeapsCents()).isEqualTo(250_000L);
        assertThat(avro.getForkId()).isNull();
        assertThat(avro.getMergeId()).isNull();
    }

    @ParameterizedTest
    @EnumSource(EntryType.class)
    void shouldWriteEveryEntryTypeAsTheLedgerSymbolOfItsName(EntryType type) {
        LedgerEntry entry = new LedgerEntry("A#1", "P1", "A", 1L, type, 0L, 0L, "c", null, null, null, 0L);

        assertThat(LedgerEntryMapper.toAvro(entry).getEntryType().name()).isEqualTo(type.name());
    }
}
