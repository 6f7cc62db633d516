package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountStatusChanged;
import com.alluse.streams.avro.BufferBreach;
import com.alluse.streams.avro.DrawdownBreach;
import com.alluse.streams.avro.DrawdownCleared;
import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.MergeCompleted;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.PortfolioOpened;
import com.alluse.streams.avro.ReinvestmentAllocated;
import com.alluse.streams.avro.ReinvestmentDeferred;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.DomainEvent;
import com.alluse.streams.domain.Performance;

/**
 * DomainEvent -> PortfolioEvent, with the deterministic id {@code <portfolio>/<cause id>/<index>}:
 * command ids are unique per portfolio and a calendar event touches every portfolio.
 */
public final class PortfolioEventMapper {
    private PortfolioEventMapper() {}

    public static String eventId(String portfolioId, Cause cause, int index) {
        return portfolioId + "/" + cause.id() + "/" + index;
    }

    public static PortfolioEvent toAvro(String portfolioId, Cause cause, int index, DomainEvent event) {
        return PortfolioEvent.newBuilder()
                .setEventId(eventId(portfolioId, cause, index))
                .setPortfolioId(portfolioId)
                .setCommandId(cause.id())
                .setEventTimeMs(cause.eventTimeMs())
                .setPayload(payload(event))
                .build();
    }

    private static Object payload(DomainEvent event) {
        if (event instanceof DomainEvent.PortfolioOpened e) {
            return new PortfolioOpened(
                    e.ownerId(),
                    e.template().name(),
                    e.capitalCents(),
                    e.generationAccountId(),
                    e.split().generationCents(),
                    e.revenueAccountId(),
                    e.split().revenueCents(),
                    e.compoundingAccountId(),
                    e.split().compoundingCents(),
                    e.forkThresholdCents(),
                    e.mergeThresholdCents());
        } else if (event instanceof DomainEvent.ForkCompleted e) {
            return new ForkCompleted(
                    e.forkId(),
                    e.parentAccountId(),
                    e.surplusCents(),
                    e.generationAccountId(),
                    e.generationCents(),
                    e.compoundingAccountId(),
                    e.compoundingCents());
        } else if (event instanceof DomainEvent.MergeCompleted e) {
            return new MergeCompleted(
                    e.mergeId(),
                    e.forkId(),
                    e.generationAccountId(),
                    e.generationCents(),
                    e.compoundingAccountId(),
                    e.compoundingCents(),
                    e.targetAccountId(),
                    e.amountCents());
        } else if (event instanceof DomainEvent.ReinvestmentAllocated e) {
            return new ReinvestmentAllocated(
                    e.accountId(),
                    e.periodId(),
                    e.reinvestableCents(),
                    e.split().contractsCents(),
                    e.split().leapsCents());
        } else if (event instanceof DomainEvent.ReinvestmentDeferred e) {
            return new ReinvestmentDeferred(e.accountId(), e.periodId(), e.reinvestableCents(), e.minimumCents());
        } else if (event instanceof DomainEvent.DrawdownBreach e) {
            Performance p = e.performance();
            return new DrawdownBreach(
                    e.accountId(),
                    e.periodId(),
                    p.indexNanos(),
                    p.highWaterMarkNanos(),
                    p.drawdownBps(),
                    e.maxDrawdownBps());
        } else if (event instanceof DomainEvent.DrawdownCleared e) {
            Performance p = e.performance();
            return new DrawdownCleared(
                    e.accountId(),
                    e.periodId(),
                    p.indexNanos(),
                    p.highWaterMarkNanos(),
                    p.drawdownBps(),
                    e.maxDrawdownBps());
        } else if (event instanceof DomainEvent.BufferBreach e) {
            return new BufferBreach(e.accountId(), e.balanceCents(), e.cashBufferCents());
        } else if (event instanceof DomainEvent.AccountStatusChanged e) {
            return new AccountStatusChanged(
                    e.accountId(), EnumMapper.toAvro(e.from()), EnumMapper.toAvro(e.to()), e.reason());
        }
        throw new IllegalArgumentException("unmapped event " + event);
    }
}
