package com.alluse.streams.client;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.ActivateAccount;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CashBufferAdjustment;
import com.alluse.streams.avro.CloseAccount;
import com.alluse.streams.avro.Commission;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.LossKind;
import com.alluse.streams.avro.OpenPortfolio;
import com.alluse.streams.avro.SuspendAccount;
import com.alluse.streams.avro.TradeLoss;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.avro.Withdrawal;

/** Builds the Avro command and calendar records clients produce. */
public final class AccountCommands {
    private AccountCommands() {}

    public static AccountCommand command(String commandId, String portfolioId, long eventTimeMs, Object payload) {
        return AccountCommand.newBuilder()
                .setCommandId(commandId)
                .setPortfolioId(portfolioId)
                .setEventTimeMs(eventTimeMs)
                .setPayload(payload)
                .build();
    }

    public static OpenPortfolio openPortfolio(long capitalCents, String template) {
        return openPortfolio("", capitalCents, template, null, null);
    }

    /**
     * @param template null for the default (MODERATE)
     * @param forkThresholdCents null for the deployment's threshold
     * @param mergeThresholdCents null for the deployment's threshold
     */
    public static OpenPortfolio openPortfolio(
            String ownerId, long capitalCents, String template, Long forkThresholdCents, Long mergeThresholdCents) {
        return OpenPortfolio.newBuilder()
                .setOwnerId(ownerId == null ? "" : ownerId)
                .setCapitalCents(capitalCents)
                .setTemplate(template == null ? "MODERATE" : template)
                .setForkThresholdCents(forkThresholdCents)
                .setMergeThresholdCents(mergeThresholdCents)
                .build();
    }

    public static Deposit deposit(String accountId, long amountCents) {
        return new Deposit(accountId, amountCents);
    }

    public static Withdrawal withdrawal(String accountId, long amountCents) {
        return new Withdrawal(accountId, amountCents);
    }

    public static TradePremium premium(String accountId, long amountCents) {
        return premium(accountId, amountCents, null, null);
    }

    /** A premium as the market integration reports it; executionId and symbol may be null. */
    public static TradePremium premium(String accountId, long amountCents, String executionId, String symbol) {
        return TradePremium.newBuilder()
                .setAccountId(accountId)
                .setAmountCents(amountCents)
                .setExecutionId(executionId)
                .setSymbol(symbol)
                .build();
    }

    public static TradeLoss loss(String accountId, long amountCents) {
        return loss(accountId, amountCents, LossKind.TRADE, null, null);
    }

    /** A trade or assignment loss; executionId and symbol may be null. */
    public static TradeLoss loss(
            String accountId, long amountCents, LossKind lossKind, String executionId, String symbol) {
        return TradeLoss.newBuilder()
                .setAccountId(accountId)
                .setAmountCents(amountCents)
                .setLossKind(lossKind)
                .setExecutionId(executionId)
                .setSymbol(symbol)
                .build();
    }

    public static Commission commission(String accountId, long amountCents) {
        return commission(accountId, amountCents, null);
    }

    /** A commission; executionId may be null. */
    public static Commission commission(String accountId, long amountCents, String executionId) {
        return Commission.newBuilder()
                .setAccountId(accountId)
                .setAmountCents(amountCents)
                .setExecutionId(executionId)
                .build();
    }

    public static CashBufferAdjustment cashBuffer(String accountId, int bufferBps) {
        return new CashBufferAdjustment(accountId, bufferBps);
    }

    public static SuspendAccount suspend(String accountId) {
        return suspend(accountId, null);
    }

    public static SuspendAccount suspend(String accountId, String reason) {
        return SuspendAccount.newBuilder()
                .setAccountId(accountId)
                .setReason(reason)
                .build();
    }

    public static ActivateAccount activate(String accountId) {
        return new ActivateAccount(accountId);
    }

    public static CloseAccount close(String accountId) {
        return close(accountId, null);
    }

    public static CloseAccount close(String accountId, String reason) {
        return CloseAccount.newBuilder()
                .setAccountId(accountId)
                .setReason(reason)
                .build();
    }

    /** A calendar event whose id is {@code <kind>/<period>}, so re-sending it is idempotent. */
    public static CalendarEvent calendar(CalendarKind kind, String periodId, long eventTimeMs) {
        return new CalendarEvent(kind.name() + "/" + periodId, kind, periodId, eventTimeMs);
    }
}
