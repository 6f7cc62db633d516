package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.domain.Template;

/** Portfolio (domain) <-> PortfolioState (Avro state store value). */
public final class PortfolioStateMapper {
    private PortfolioStateMapper() {}

    public static PortfolioState toAvro(Portfolio portfolio) {
        Portfolio.Flows flows = portfolio.flows();
        return PortfolioState.newBuilder()
                .setPortfolioId(portfolio.portfolioId())
                .setOwnerId(portfolio.ownerId())
                .setTemplate(portfolio.template().name())
                .setCapitalCents(portfolio.capitalCents())
                .setForkThresholdCents(portfolio.forkThresholdCents())
                .setMergeThresholdCents(portfolio.mergeThresholdCents())
                .setForkCount(portfolio.forkCount())
                .setMergeCount(portfolio.mergeCount())
                .setDepositsCents(flows.depositsCents())
                .setWithdrawalsCents(flows.withdrawalsCents())
                .setPremiumsCents(flows.premiumsCents())
                .setLossesCents(flows.lossesCents())
                .setCommissionsCents(flows.commissionsCents())
                .setOpenedAtMs(portfolio.openedAtMs())
                .build();
    }

    public static Portfolio toDomain(PortfolioState state) {
        return new Portfolio(
                state.getPortfolioId(),
                state.getOwnerId(),
                Template.valueOf(state.getTemplate()),
                state.getCapitalCents(),
                state.getForkThresholdCents(),
                state.getMergeThresholdCents(),
                state.getOpenedAtMs(),
                state.getForkCount(),
                state.getMergeCount(),
                new Portfolio.Flows(
                        state.getDepositsCents(),
                        state.getWithdrawalsCents(),
                        state.getPremiumsCents(),
                        state.getLossesCents(),
                        state.getCommissionsCents()));
    }
}
