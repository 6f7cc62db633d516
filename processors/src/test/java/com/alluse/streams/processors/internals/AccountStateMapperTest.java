package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.AccountIdentity;
import com.alluse.streams.domain.AccountStatus;
import com.alluse.streams.domain.AccountType;
import com.alluse.streams.domain.CloseReason;
import com.alluse.streams.domain.Performance;
import com.alluse.streams.domain.ReinvestmentTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccountStateMapperTest {
    private static final AccountIdentity FORKED_COM =
            new AccountIdentity("P1:F2:COM", "P1", AccountType.COMPOUNDING, false, "P1:GEN", "P1:F2", 5_000_000L, 111L);

    private static Account account(
            AccountIdentity identity, AccountStatus status, CloseReason closeReason, long balanceCents) {
        return new Account(
                identity,
                status,
                closeReason,
                5_100_000L,
                balanceCents,
                600,
                300_000L,
                7L,
                true,
                new Performance(3_900_000L, 12_345L, 1_020_000_000L, 1_030_000_000L, true),
                new ReinvestmentTotals(777L, 888L, 999L),
                222L,
                "cmd-9");
    }

    @Test
    void shouldCarryEveryFieldOfAnAccountToItsState() {
        AccountState state =
                AccountStateMapper.toAvro(account(FORKED_COM, AccountStatus.CLOSED, CloseReason.MERGED, 4_000_000L));

        assertThat(state)
                .isEqualTo(AccountState.newBuilder()
                        .setAccountId("P1:F2:COM")
                        .setPortfolioId("P1")
                        .setAccountType(com.alluse.streams.avro.AccountType.COMPOUNDING)
                        .setStatus(com.alluse.streams.avro.AccountStatus.CLOSED)
                        .setCloseReason(com.alluse.streams.avro.CloseReason.MERGED)
                        .setMain(false)
                        .setParentAccountId("P1:GEN")
                        .setForkId("P1:F2")
                        .setInitialCents(5_000_000L)
                        .setPrincipalCents(5_100_000L)
                        .setBalanceCents(4_000_000L)
                        .setCashBufferBps(600)
                        .setCashBufferCents(300_000L)
                        .setAvailableCents(3_700_000L)
                        .setLastSequence(7L)
                        .setBufferBreached(true)
                        .setWeekStartBalanceCents(3_900_000L)
                        .setWeekNetEarningsCents(12_345L)
                        .setPerformanceIndexNanos(1_020_000_000L)
                        .setHighWaterMarkNanos(1_030_000_000L)
                        .setDrawdownBreached(true)
                        .setEarningsSinceReinvestmentCents(777L)
                        .setReinvestedContractsCents(888L)
                        .setReinvestedLeapsCents(999L)
                        .setOpenedAtMs(111L)
                        .setUpdatedAtMs(222L)
                        .setLastCommandId("cmd-9")
                        .build());
    }

    @Test
    void shouldReadEveryFieldOfAStateBack() {
        Account original = account(FORKED_COM, AccountStatus.SUSPENDED, null, 4_000_000L);

        Account read = AccountStateMapper.toDomain(AccountStateMapper.toAvro(original));

        assertThat(read.identity()).isEqualTo(FORKED_COM);
        assertThat(read.status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(read.closeReason()).isNull();
        assertThat(read.principalCents()).isEqualTo(5_100_000L);
        assertThat(read.balanceCents()).isEqualTo(4_000_000L);
        assertThat(read.cashBufferBps()).isEqualTo(600);
        assertThat(read.cashBufferCents()).isEqualTo(300_000L);
        assertThat(read.lastSequence()).isEqualTo(7L);
        assertThat(read.bufferBreached()).isTrue();
        assertThat(read.performance()).isEqualTo(original.performance());
        assertThat(read.reinvestment()).isEqualTo(original.reinvestment());
        assertThat(read.updatedAtMs()).isEqualTo(222L);
        assertThat(read.lastCommandId()).isEqualTo("cmd-9");
    }

    static Stream<Arguments> everyTypeStatusAndCloseReason() {
        List<Arguments> combinations = new ArrayList<>();
        List<CloseReason> reasons = new ArrayList<>(List.of(CloseReason.values()));
        reasons.add(null);
        for (AccountType type : AccountType.values()) {
            for (AccountStatus status : AccountStatus.values()) {
                for (CloseReason reason : reasons) {
                    combinations.add(Arguments.of(type, status, reason));
                }
            }
        }
        return combinations.stream();
    }

    @ParameterizedTest
    @MethodSource("everyTypeStatusAndCloseReason")
    void shouldRoundTripEveryTypeStatusAndCloseReason(AccountType type, AccountStatus status, CloseReason reason) {
        AccountIdentity identity =
                new AccountIdentity("P1:" + type.idSuffix(), "P1", type, true, null, null, 1_000L, 0L);
        AccountState state = AccountStateMapper.toAvro(account(identity, status, reason, 1_000L));

        Account read = AccountStateMapper.toDomain(state);

        assertThat(read.type()).isSameAs(type);
        assertThat(read.status()).isSameAs(status);
        assertThat(read.closeReason()).isSameAs(reason);
        assertThat(AccountStateMapper.toAvro(read)).isEqualTo(state);
    }

    @Test
    void shouldPublishNoAvailableMoneyWhileTheBalanceIsBelowTheBuffer() {
        assertThat(AccountStateMapper.toAvro(account(FORKED_COM, AccountStatus.ACTIVE, null, 299_999L))
                        .getAvailableCents())
                .isZero();
        assertThat(AccountStateMapper.toAvro(account(FORKED_COM, AccountStatus.ACTIVE, null, -5L))
                        .getAvailableCents())
                .isZero();
    }
}
