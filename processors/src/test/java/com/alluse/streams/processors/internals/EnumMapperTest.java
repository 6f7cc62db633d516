package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.domain.AccountStatus;
import com.alluse.streams.domain.AccountType;
import com.alluse.streams.domain.CloseReason;
import com.alluse.streams.domain.EntryType;
import com.alluse.streams.domain.RejectReason;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnumMapperTest {

    @ParameterizedTest
    @EnumSource(AccountType.class)
    void shouldMapEveryAccountTypeToItsSymbolAndBack(AccountType type) {
        assertThat(EnumMapper.toAvro(type).name()).isEqualTo(type.name());
        assertThat(EnumMapper.toDomain(EnumMapper.toAvro(type))).isSameAs(type);
    }

    @ParameterizedTest
    @EnumSource(com.alluse.streams.avro.AccountType.class)
    void shouldMapEveryAvroAccountTypeBackAndForth(com.alluse.streams.avro.AccountType symbol) {
        assertThat(EnumMapper.toAvro(EnumMapper.toDomain(symbol))).isSameAs(symbol);
    }

    @ParameterizedTest
    @EnumSource(AccountStatus.class)
    void shouldMapEveryAccountStatusToItsSymbolAndBack(AccountStatus status) {
        assertThat(EnumMapper.toAvro(status).name()).isEqualTo(status.name());
        assertThat(EnumMapper.toDomain(EnumMapper.toAvro(status))).isSameAs(status);
    }

    @ParameterizedTest
    @EnumSource(com.alluse.streams.avro.AccountStatus.class)
    void shouldMapEveryAvroAccountStatusBackAndForth(com.alluse.streams.avro.AccountStatus symbol) {
        assertThat(EnumMapper.toAvro(EnumMapper.toDomain(symbol))).isSameAs(symbol);
    }

    @ParameterizedTest
    @EnumSource(CloseReason.class)
    void shouldMapEveryCloseReasonToItsSymbolAndBack(CloseReason reason) {
        assertThat(EnumMapper.toAvro(reason).name()).isEqualTo(reason.name());
        assertThat(EnumMapper.toDomain(EnumMapper.toAvro(reason))).isSameAs(reason);
    }

    @ParameterizedTest
    @EnumSource(com.alluse.streams.avro.CloseReason.class)
    void shouldMapEveryAvroCloseReasonBackAndForth(com.alluse.streams.avro.CloseReason symbol) {
        assertThat(EnumMapper.toAvro(EnumMapper.toDomain(symbol))).isSameAs(symbol);
    }

    @ParameterizedTest
    @EnumSource(EntryType.class)
    void shouldMapEveryEntryTypeToTheLedgerSymbolOfItsName(EntryType type) {
        assertThat(EnumMapper.toAvro(type).name()).isEqualTo(type.name());
    }

    @Test
    void shouldProduceEveryLedgerEntrySymbolFromExactlyOneEntryType() {
        assertOneToOne(EntryType.values(), EnumMapper::toAvro, LedgerEntryType.values());
    }

    @ParameterizedTest
    @EnumSource(RejectReason.class)
    void shouldMapEveryRejectReasonToTheReasonCodeOfItsName(RejectReason reason) {
        assertThat(EnumMapper.toAvro(reason).name()).isEqualTo(reason.name());
    }

    @Test
    void shouldProduceEveryReasonCodeFromExactlyOneRejectReason() {
        assertOneToOne(RejectReason.values(), EnumMapper::toAvro, ReasonCode.values());
    }

    /** The mapping hits every symbol once: no two domain values share one, no symbol is left out. */
    private static <D, A> void assertOneToOne(D[] domainValues, Function<D, A> mapping, A[] avroSymbols) {
        assertThat(Arrays.stream(domainValues).map(mapping).toList()).containsExactlyInAnyOrder(avroSymbols);
    }
}
