package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.AccountIdentity;
import com.alluse.streams.domain.Performance;
import com.alluse.streams.domain.ReinvestmentTotals;

/** Account (domain) <-> AccountState (Avro: the state store value and the public changelog). */
public final class AccountStateMapper {
    private AccountStateMapper() {}

    public static AccountState toAvro(Account account) {
        AccountIdentity identity = account.identity();
        Performance performance = account.performance();
        ReinvestmentTotals reinvestment = account.reinvestment();
        return AccountState.newBuilder()
                .setAccountId(identity.accountId())
                .setPortfolioId(identity.portfolioId())
                .setAccountType(EnumMapper.toAvro(identity.type()))
                .setStatus(EnumMapper.toAvro(account.status()))
                .setCloseReason(account.closeReason() == null ? null : EnumMapper.toAvro(account.closeReason()))
                .setMain(identity.main())
                .setParentAccountId(identity.parentAccountId())
                .setForkId(identity.forkId())
                .setInitialCents(identity.initialCents())
                .setPrincipalCents(account.principalCents())
                .setBalanceCents(account.balanceCents())
                .setCashBufferBps(account.cashBufferBps())
                .setCashBufferCents(account.cashBufferCents())
                .setAvailableCents(account.availableCents())
                .setLastSequence(account.lastSequence())
                .setBufferBreached(account.bufferBreached())
                .setWeekStartBalanceCents(performance.weekStartBalanceCents())
                .setWeekNetEarningsCents(performance.weekNetEarningsCents())
                .setPerformanceIndexNanos(performance.indexNanos())
                .setHighWaterMarkNanos(performance.highWaterMarkNanos())
                .setDrawdownBreached(performance.drawdownBreached())
                .setEarningsSinceReinvestmentCents(reinvestment.earningsSinceCents())
                .setReinvestedContractsCents(reinvestment.contractsCents())
                .setReinvestedLeapsCents(reinvestment.leapsCents())
                .setOpenedAtMs(identity.openedAtMs())
                .setUpdatedAtMs(account.updatedAtMs())
                .setLastCommandId(account.lastCommandId())
                .build();
    }

    public static Account toDomain(AccountState state) {
        AccountIdentity identity = new AccountIdentity(
                state.getAccountId(),
                state.getPortfolioId(),
                EnumMapper.toDomain(state.getAccountType()),
                state.getMain(),
                state.getParentAccountId(),
                state.getForkId(),
                state.getInitialCents(),
                state.getOpenedAtMs());
        return new Account(
                identity,
                EnumMapper.toDomain(state.getStatus()),
                state.getCloseReason() == null ? null : EnumMapper.toDomain(state.getCloseReason()),
                state.getPrincipalCents(),
                state.getBalanceCents(),
                state.getCashBufferBps(),
                state.getCashBufferCents(),
                state.getLastSequence(),
                state.getBufferBreached(),
                new Performance(
                        state.getWeekStartBalanceCents(),
                        state.getWeekNetEarningsCents(),
                        state.getPerformanceIndexNanos(),
                        state.getHighWaterMarkNanos(),
                        state.getDrawdownBreached()),
                new ReinvestmentTotals(
                        state.getEarningsSinceReinvestmentCents(),
                        state.getReinvestedContractsCents(),
                        state.getReinvestedLeapsCents()),
                state.getUpdatedAtMs(),
                state.getLastCommandId());
    }
}
