package com.alluse.streams.domain;

/** Lifecycle facts the rules raise, published on the portfolio-events topic. */
public sealed interface DomainEvent {

    record PortfolioOpened(
            String ownerId,
            Template template,
            long capitalCents,
            Template.Split split,
            String generationAccountId,
            String revenueAccountId,
            String compoundingAccountId,
            long forkThresholdCents,
            long mergeThresholdCents)
            implements DomainEvent {}

    record ForkCompleted(
            String forkId,
            String parentAccountId,
            long surplusCents,
            String generationAccountId,
            long generationCents,
            String compoundingAccountId,
            long compoundingCents)
            implements DomainEvent {}

    record MergeCompleted(
            String mergeId,
            String forkId,
            String generationAccountId,
            long generationCents,
            String compoundingAccountId,
            long compoundingCents,
            String targetAccountId,
            long amountCents)
            implements DomainEvent {}

    record ReinvestmentAllocated(String accountId, String periodId, long reinvestableCents, ReinvestmentSplit split)
            implements DomainEvent {}

    record ReinvestmentDeferred(String accountId, String periodId, long reinvestableCents, long minimumCents)
            implements DomainEvent {}

    record DrawdownBreach(String accountId, String periodId, Performance performance, int maxDrawdownBps)
            implements DomainEvent {}

    record DrawdownCleared(String accountId, String periodId, Performance performance, int maxDrawdownBps)
            implements DomainEvent {}

    record BufferBreach(String accountId, long balanceCents, long cashBufferCents) implements DomainEvent {}

    record AccountStatusChanged(String accountId, AccountStatus from, AccountStatus to, String reason)
            implements DomainEvent {}
}
