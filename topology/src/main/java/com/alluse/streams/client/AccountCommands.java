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
        return OpenPortfolio.newBuilder().setCapitalCents(capitalCents).setTemplate(template == null ? "MODERATE" : template).build();
    }

    public static Deposit deposit(String accountId, long amountCents) {
        return new Deposit(accountId, amountCents);
    }

    public static Withdrawal withdrawal(String accountId, long amountCents) {
        return new Withdrawal(accountId, amountCents);
    }

    public static TradePremium premium(String accountId, long amountCents) {
        return TradePremium.newBuilder().setAccountId(accountId).setAmountCents(amountCents).build();
    }

    public static TradeLoss loss(String accountId, long amountCents) {
        return TradeLoss.newBuilder().setAccountId(accountId).setAmountCents(amountCents).setLossKind(LossKind.TRADE).build();
    }

    public static Commission commission(String accountId, long amountCents) {
        return Commission.newBuilder().setAccountId(accountId).setAmountCents(amountCents).build();
    }

    public static CashBufferAdjustment cashBuffer(String accountId, int bufferBps) {
        return new CashBufferAdjustment(accountId, bufferBps);
    }

    public static SuspendAccount suspend(String accountId) {
        return SuspendAccount.newBuilder().setAccountId(accountId).build();
    }

    public static ActivateAccount activate(String accountId) {
        return new ActivateAccount(accountId);
    }

    public static CloseAccount close(String accountId) {
        return CloseAccount.newBuilder().setAccountId(accountId).build();
    }

    /** A calendar event whose id is {@code <kind>/<period>}, so re-sending it is idempotent. */
    public static CalendarEvent calendar(CalendarKind kind, String periodId, long eventTimeMs) {
        return new CalendarEvent(kind.name() + "/" + periodId, kind, periodId, eventTimeMs);
    }
}
