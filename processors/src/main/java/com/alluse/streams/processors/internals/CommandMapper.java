package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.ActivateAccount;
import com.alluse.streams.avro.CashBufferAdjustment;
import com.alluse.streams.avro.CloseAccount;
import com.alluse.streams.avro.Commission;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.OpenPortfolio;
import com.alluse.streams.avro.SuspendAccount;
import com.alluse.streams.avro.TradeLoss;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.avro.Withdrawal;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.CommandKind;

/** AccountCommand (Avro) -> Command (domain). */
public final class CommandMapper {
    private CommandMapper() {}

    /** The command the payload carries; IllegalArgumentException for a payload of no known kind. */
    public static Command toDomain(AccountCommand command) {
        Object payload = command.getPayload();
        if (payload instanceof OpenPortfolio open) {
            return new Command.OpenPortfolio(
                    open.getOwnerId(),
                    open.getCapitalCents(),
                    open.getTemplate(),
                    open.getForkThresholdCents(),
                    open.getMergeThresholdCents());
        } else if (payload instanceof Deposit deposit) {
            return new Command.Deposit(deposit.getAccountId(), deposit.getAmountCents());
        } else if (payload instanceof Withdrawal withdrawal) {
            return new Command.Withdrawal(withdrawal.getAccountId(), withdrawal.getAmountCents());
        } else if (payload instanceof TradePremium premium) {
            return new Command.TradePremium(premium.getAccountId(), premium.getAmountCents());
        } else if (payload instanceof TradeLoss loss) {
            return new Command.TradeLoss(loss.getAccountId(), loss.getAmountCents());
        } else if (payload instanceof Commission commission) {
            return new Command.Commission(commission.getAccountId(), commission.getAmountCents());
        } else if (payload instanceof CashBufferAdjustment adjustment) {
            return new Command.AdjustCashBuffer(adjustment.getAccountId(), adjustment.getBufferBps());
        } else if (payload instanceof SuspendAccount suspend) {
            return new Command.Suspend(suspend.getAccountId(), suspend.getReason());
        } else if (payload instanceof ActivateAccount activate) {
            return new Command.Activate(activate.getAccountId());
        } else if (payload instanceof CloseAccount close) {
            return new Command.Close(close.getAccountId(), close.getReason());
        }
        throw new IllegalArgumentException("unknown command payload "
                + (payload == null ? "null" : payload.getClass().getName()));
    }

    /** The kind's name for results, or UNKNOWN when the payload is of no known kind. */
    public static String kindName(AccountCommand command) {
        try {
            CommandKind kind = toDomain(command).kind();
            return kind.name();
        } catch (IllegalArgumentException unknownPayload) {
            return "UNKNOWN";
        }
    }
}
