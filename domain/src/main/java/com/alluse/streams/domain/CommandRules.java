package com.alluse.streams.domain;

import static com.alluse.streams.domain.Decision.reject;

import com.alluse.streams.domain.Command.Activate;
import com.alluse.streams.domain.Command.AdjustCashBuffer;
import com.alluse.streams.domain.Command.Close;
import com.alluse.streams.domain.Command.Deposit;
import com.alluse.streams.domain.Command.MarketFact;
import com.alluse.streams.domain.Command.OnAccount;
import com.alluse.streams.domain.Command.OpenPortfolio;
import com.alluse.streams.domain.Command.Suspend;
import com.alluse.streams.domain.Command.Withdrawal;
import java.util.Objects;

/** The checks and effects of every command (docs/rules.md sections 2-5). Pure: no I/O, no clock. */
public final class CommandRules {
    private final RulesConfig rules;
    private final Growth growth;

    public CommandRules(RulesConfig rules) {
        this.rules = Objects.requireNonNull(rules);
        this.growth = new Growth(rules);
    }

    /**
     * Decides one command against the portfolio's state.
     *
     * @param portfolio the portfolio, or null if none with this id exists
     */
    public Decision decide(
            Cause cause, String portfolioId, Command command, Portfolio portfolio, AccountLookup accounts) {
        if (!AccountIds.isValidCommandId(cause.id())) {
            return reject(
                    RejectReason.INVALID_COMMAND,
                    "command id must be 1.." + AccountIds.MAX_COMMAND_ID_LENGTH + " characters");
        }
        if (!AccountIds.isValidPortfolioId(portfolioId)) {
            return reject(RejectReason.INVALID_COMMAND, AccountIds.PORTFOLIO_ID_RULE);
        }
        Transaction tx = new Transaction(cause, portfolio, accounts);
        if (command instanceof OpenPortfolio open) {
            return portfolio != null
                    ? reject(RejectReason.ALREADY_EXISTS, "portfolio " + portfolioId + " already exists")
                    : openPortfolio(tx, portfolioId, open);
        }
        if (portfolio == null) {
            return reject(RejectReason.UNKNOWN_ACCOUNT, "no portfolio " + portfolioId);
        }
        return onAccount(tx, (OnAccount) command);
    }

    private Decision openPortfolio(Transaction tx, String portfolioId, OpenPortfolio open) {
        if (!Money.isValidCommandAmount(open.capitalCents())) {
            return reject(
                    RejectReason.INVALID_AMOUNT,
                    "capital must be within 0.01.." + Money.toDecimalString(Money.MAX_COMMAND_AMOUNT_CENTS));
        }
        Template template = Template.parse(open.template()).orElse(null);
        if (template == null) {
            return reject(RejectReason.INVALID_COMMAND, "unknown template " + open.template());
        }
        long fork = open.forkThresholdCents() != null ? open.forkThresholdCents() : rules.forkThresholdCents();
        long merge = open.mergeThresholdCents() != null ? open.mergeThresholdCents() : rules.mergeThresholdCents();
        if (!RulesConfig.areValidThresholds(fork, merge)) {
            return reject(RejectReason.INVALID_COMMAND, "thresholds must be valid amounts with merge > fork");
        }
        Cause cause = tx.cause();
        tx.createPortfolio(new Portfolio(
                portfolioId,
                nullToEmpty(open.ownerId()),
                template,
                open.capitalCents(),
                fork,
                merge,
                cause.eventTimeMs(),
                0,
                0,
                Portfolio.Flows.none()));
        Template.Split split = template.split(open.capitalCents());
        openMain(tx, portfolioId, AccountType.GENERATION, split.generationCents());
        openMain(tx, portfolioId, AccountType.REVENUE, split.revenueCents());
        openMain(tx, portfolioId, AccountType.COMPOUNDING, split.compoundingCents());
        tx.raise(new DomainEvent.PortfolioOpened(
                nullToEmpty(open.ownerId()),
                template,
                open.capitalCents(),
                split,
                AccountIds.main(portfolioId, AccountType.GENERATION),
                AccountIds.main(portfolioId, AccountType.REVENUE),
                AccountIds.main(portfolioId, AccountType.COMPOUNDING),
                fork,
                merge));
        return new Decision.Accepted(tx.changes());
    }

    private void openMain(Transaction tx, String portfolioId, AccountType type, long initialCents) {
        AccountIdentity identity = new AccountIdentity(
                AccountIds.main(portfolioId, type),
                portfolioId,
                type,
                true,
                null,
                null,
                initialCents,
                tx.cause().eventTimeMs());
        Account account = Account.unfunded(identity, rules.defaultCashBufferBps(), tx.cause());
        tx.post(account, EntryType.OPENING, initialCents, null, null);
    }

    private Decision onAccount(Transaction tx, OnAccount command) {
        if (command.accountId() == null || command.accountId().isBlank()) {
            return reject(RejectReason.INVALID_COMMAND, "account id is required");
        }
        Account account = tx.account(command.accountId())
                .filter(found -> found.portfolioId().equals(tx.portfolio().portfolioId()))
                .orElse(null);
        if (account == null) {
            return reject(
                    RejectReason.UNKNOWN_ACCOUNT,
                    "no account " + command.accountId() + " in portfolio "
                            + tx.portfolio().portfolioId());
        }
        Decision invalid = validateShape(command);
        if (invalid != null) {
            return invalid;
        }
        if (account.isClosed()) {
            return reject(RejectReason.ACCOUNT_CLOSED, "account " + account.accountId() + " is closed");
        }
        return apply(tx, account, command);
    }

    private Decision apply(Transaction tx, Account account, OnAccount command) {
        if (command instanceof MarketFact fact) {
            return applyFact(tx, account, fact);
        } else if (command instanceof Deposit deposit) {
            return deposit(tx, account, deposit);
        } else if (command instanceof Withdrawal withdrawal) {
            return withdraw(tx, account, withdrawal);
        } else if (command instanceof AdjustCashBuffer adjust) {
            return adjustBuffer(tx, account, adjust);
        } else if (command instanceof Suspend suspend) {
            return transition(tx, account, AccountStatus.ACTIVE, AccountStatus.SUSPENDED, suspend.reason());
        } else if (command instanceof Activate) {
            return transition(tx, account, AccountStatus.SUSPENDED, AccountStatus.ACTIVE, null);
        } else if (command instanceof Close close) {
            return close(tx, account, close);
        }
        throw new IllegalArgumentException("unhandled command kind " + command.kind());
    }

    /** Checks of the command alone (amounts, percentages), independent of state. */
    private Decision validateShape(OnAccount command) {
        if (command instanceof Command.MovesMoney moves && !Money.isValidCommandAmount(moves.amountCents())) {
            return reject(
                    RejectReason.INVALID_AMOUNT,
                    "amount must be within 0.01.." + Money.toDecimalString(Money.MAX_COMMAND_AMOUNT_CENTS));
        }
        if (command instanceof AdjustCashBuffer adjust
                && (adjust.bufferBps() < 0 || adjust.bufferBps() > rules.maxCashBufferBps())) {
            return reject(
                    RejectReason.INVALID_COMMAND, "cash buffer must be within 0.." + rules.maxCashBufferBps() + " bps");
        }
        return null;
    }

    private Decision applyFact(Transaction tx, Account account, MarketFact fact) {
        long signed = fact.signedAmountCents();
        tx.post(account, fact.entryType(), signed, null, null);
        account.addEarnings(signed);
        tx.portfolio().flows().record(fact.entryType(), fact.amountCents());
        tx.portfolioChanged();
        tx.checkBufferBreach(account);
        growth.settle(tx, account);
        return new Decision.Accepted(tx.changes());
    }

    private Decision deposit(Transaction tx, Account account, Deposit deposit) {
        if (account.status() != AccountStatus.ACTIVE) {
            return reject(
                    RejectReason.ACCOUNT_NOT_ACTIVE, "account " + account.accountId() + " is " + account.status());
        }
        account.addPrincipal(deposit.amountCents());
        tx.post(account, EntryType.DEPOSIT, deposit.amountCents(), null, null);
        tx.portfolio().flows().record(EntryType.DEPOSIT, deposit.amountCents());
        tx.portfolioChanged();
        tx.checkBufferBreach(account);
        growth.settle(tx, account);
        return new Decision.Accepted(tx.changes());
    }

    private Decision withdraw(Transaction tx, Account account, Withdrawal withdrawal) {
        if (!account.type().withdrawalsAllowed()) {
            return reject(RejectReason.WITHDRAWAL_FORBIDDEN, account.type() + " accounts take no withdrawals");
        }
        if (account.status() != AccountStatus.ACTIVE) {
            return reject(
                    RejectReason.ACCOUNT_NOT_ACTIVE, "account " + account.accountId() + " is " + account.status());
        }
        if (withdrawal.amountCents() > account.availableCents()) {
            return reject(
                    RejectReason.INSUFFICIENT_AVAILABLE,
                    "withdrawal " + Money.toDecimalString(withdrawal.amountCents()) + " exceeds available "
                            + Money.toDecimalString(account.availableCents()));
        }
        tx.post(account, EntryType.WITHDRAWAL, -withdrawal.amountCents(), null, null);
        tx.portfolio().flows().record(EntryType.WITHDRAWAL, withdrawal.amountCents());
        tx.portfolioChanged();
        growth.settle(tx, account);
        return new Decision.Accepted(tx.changes());
    }

    private Decision adjustBuffer(Transaction tx, Account account, AdjustCashBuffer adjust) {
        account.adjustCashBuffer(adjust.bufferBps(), tx.cause());
        tx.touch(account);
        tx.checkBufferBreach(account);
        return new Decision.Accepted(tx.changes());
    }

    private Decision transition(Transaction tx, Account account, AccountStatus from, AccountStatus to, String reason) {
        if (account.status() != from) {
            return reject(
                    RejectReason.INVALID_TRANSITION,
                    "account " + account.accountId() + " is " + account.status() + ", not " + from);
        }
        account.changeStatus(to, null, tx.cause());
        tx.touch(account);
        tx.raise(new DomainEvent.AccountStatusChanged(account.accountId(), from, to, reason));
        // A Gen-Acc that reached its fork surplus while suspended forks once it is active again.
        growth.settle(tx, account);
        return new Decision.Accepted(tx.changes());
    }

    private Decision close(Transaction tx, Account account, Close close) {
        if (account.balanceCents() != 0) {
            return reject(
                    RejectReason.NONZERO_BALANCE,
                    "account " + account.accountId() + " holds " + Money.toDecimalString(account.balanceCents()));
        }
        AccountStatus before = account.status();
        account.changeStatus(AccountStatus.CLOSED, CloseReason.REQUESTED, tx.cause());
        account.updateBufferBreach();
        tx.touch(account);
        tx.raise(new DomainEvent.AccountStatusChanged(
                account.accountId(), before, AccountStatus.CLOSED, close.reason()));
        return new Decision.Accepted(tx.changes());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
