package com.alluse.streams.domain;

/** The ten command kinds. Requests are validated and may be rejected; market facts always apply. */
public sealed interface Command {
    CommandKind kind();

    /** A command about one existing account. */
    sealed interface OnAccount extends Command {
        String accountId();
    }

    /** A command that moves money; its amount must be a valid command amount. */
    sealed interface MovesMoney extends OnAccount {
        long amountCents();
    }

    /** Money that already moved at the broker: applied even below the buffer or zero. */
    sealed interface MarketFact extends MovesMoney {

        EntryType entryType();

        /** Credits are positive, debits negative. */
        default long signedAmountCents() {
            return entryType() == EntryType.PREMIUM ? amountCents() : -amountCents();
        }
    }

    record OpenPortfolio(
            String ownerId, long capitalCents, String template, Long forkThresholdCents, Long mergeThresholdCents)
            implements Command {
        @Override
        public CommandKind kind() {
            return CommandKind.OPEN_PORTFOLIO;
        }
    }

    record Deposit(String accountId, long amountCents) implements MovesMoney {
        @Override
        public CommandKind kind() {
            return CommandKind.DEPOSIT;
        }
    }

    record Withdrawal(String accountId, long amountCents) implements MovesMoney {
        @Override
        public CommandKind kind() {
            return CommandKind.WITHDRAWAL;
        }
    }

    record TradePremium(String accountId, long amountCents) implements MarketFact {
        @Override
        public CommandKind kind() {
            return CommandKind.TRADE_PREMIUM;
        }

        @Override
        public EntryType entryType() {
            return EntryType.PREMIUM;
        }
    }

    record TradeLoss(String accountId, long amountCents) implements MarketFact {
        @Override
        public CommandKind kind() {
            return CommandKind.TRADE_LOSS;
        }

        @Override
        public EntryType entryType() {
            return EntryType.LOSS;
        }
    }

    record Commission(String accountId, long amountCents) implements MarketFact {
        @Override
        public CommandKind kind() {
            return CommandKind.COMMISSION;
        }

        @Override
        public EntryType entryType() {
            return EntryType.COMMISSION;
        }
    }

    record AdjustCashBuffer(String accountId, int bufferBps) implements OnAccount {
        @Override
        public CommandKind kind() {
            return CommandKind.CASH_BUFFER_ADJUSTMENT;
        }
    }

    record Suspend(String accountId, String reason) implements OnAccount {
        @Override
        public CommandKind kind() {
            return CommandKind.SUSPEND;
        }
    }

    record Activate(String accountId) implements OnAccount {
        @Override
        public CommandKind kind() {
            return CommandKind.ACTIVATE;
        }
    }

    record Close(String accountId, String reason) implements OnAccount {
        @Override
        public CommandKind kind() {
            return CommandKind.CLOSE;
        }
    }
}
