package com.alluse.streams.domain;

import static com.alluse.streams.domain.PortfolioBook.cents;
import static com.alluse.streams.domain.PortfolioBook.com;
import static com.alluse.streams.domain.PortfolioBook.gen;
import static com.alluse.streams.domain.PortfolioBook.rev;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.domain.Command.Activate;
import com.alluse.streams.domain.Command.AdjustCashBuffer;
import com.alluse.streams.domain.Command.Close;
import com.alluse.streams.domain.Command.Commission;
import com.alluse.streams.domain.Command.Deposit;
import com.alluse.streams.domain.Command.OpenPortfolio;
import com.alluse.streams.domain.Command.Suspend;
import com.alluse.streams.domain.Command.TradeLoss;
import com.alluse.streams.domain.Command.TradePremium;
import com.alluse.streams.domain.Command.Withdrawal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandRulesTest {
    private final PortfolioBook book = new PortfolioBook();

    @AfterEach
    void invariantsHold() {
        assertThat(book.violations()).isEmpty();
    }

    private void assertRejected(Decision decision, RejectReason reason) {
        assertThat(decision)
                .isInstanceOfSatisfying(
                        Decision.Rejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void shouldSplitOpeningCapitalFortyThirtyThirtyWithFivePercentBuffers() {
        book.open("250,000.00");

        assertAccount(gen(), "100,000.00", "5,000.00", "95,000.00");
        assertAccount(rev(), "75,000.00", "3,750.00", "71,250.00");
        assertAccount(com(), "75,000.00", "3,750.00", "71,250.00");
        assertThat(book.account(gen()).principalCents()).isEqualTo(cents("100,000.00"));
        assertThat(book.ledger(gen())).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.OPENING);
            assertThat(entry.sequence()).isEqualTo(1);
            assertThat(entry.amountCents()).isEqualTo(cents("100,000.00"));
        });
        assertThat(book.events()).singleElement().isInstanceOf(DomainEvent.PortfolioOpened.class);
    }

    private void assertAccount(String accountId, String balance, String buffer, String available) {
        Account account = book.account(accountId);
        assertThat(account.balanceCents()).as("balance of %s", accountId).isEqualTo(cents(balance));
        assertThat(account.cashBufferCents()).as("buffer of %s", accountId).isEqualTo(cents(buffer));
        assertThat(account.availableCents()).as("available of %s", accountId).isEqualTo(cents(available));
    }

    @Test
    void shouldGiveTheRemainderCentToGeneration() {
        book.open("100.01");

        assertThat(book.balance(gen())).isEqualTo(cents("40.01"));
        assertThat(book.balance(rev())).isEqualTo(cents("30.00"));
        assertThat(book.balance(com())).isEqualTo(cents("30.00"));
    }

    @Test
    void shouldSplitByTheChosenTemplate() {
        book.submit(new OpenPortfolio("owner", cents("1,000.00"), "conservative", null, null));

        assertThat(book.balance(gen())).isEqualTo(cents("300.00"));
        assertThat(book.balance(rev())).isEqualTo(cents("500.00"));
        assertThat(book.balance(com())).isEqualTo(cents("200.00"));
    }

    @Test
    void shouldCreditPremiumAndRaiseAvailable() {
        book.open("250,000.00");

        assertThat(book.submit(new TradePremium(gen(), cents("1,500.00")))).isInstanceOf(Decision.Accepted.class);

        assertAccount(gen(), "101,500.00", "5,000.00", "96,500.00");
        assertThat(book.ledger(gen())).last().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.PREMIUM);
            assertThat(entry.sequence()).isEqualTo(2);
            assertThat(entry.balanceAfterCents()).isEqualTo(cents("101,500.00"));
        });
    }

    @Test
    void shouldRejectWithdrawalFromCompounding() {
        book.open("250,000.00");

        assertRejected(book.submit(new Withdrawal(com(), cents("1,000.00"))), RejectReason.WITHDRAWAL_FORBIDDEN);
        assertThat(book.balance(com())).isEqualTo(cents("75,000.00"));
    }

    @Test
    void shouldRejectWithdrawalWhenAboveAvailable() {
        book.open("250,000.00");

        assertRejected(book.submit(new Withdrawal(rev(), cents("71,250.01"))), RejectReason.INSUFFICIENT_AVAILABLE);
        assertThat(book.submit(new Withdrawal(rev(), cents("71,250.00")))).isInstanceOf(Decision.Accepted.class);

        assertThat(book.balance(rev())).isEqualTo(cents("3,750.00"));
        assertThat(book.account(rev()).principalCents())
                .as("withdrawals keep principal")
                .isEqualTo(cents("75,000.00"));
    }

    @Test
    void shouldRejectAmountsOutsideOneCentToTenToTheFourteenCents() {
        book.open("250,000.00");

        assertRejected(book.submit(new Deposit(gen(), 0)), RejectReason.INVALID_AMOUNT);
        assertRejected(book.submit(new Deposit(gen(), -5)), RejectReason.INVALID_AMOUNT);
        assertRejected(
                book.submit(new TradePremium(gen(), Money.MAX_COMMAND_AMOUNT_CENTS + 1)), RejectReason.INVALID_AMOUNT);
        assertRejected(book.submit(new OpenPortfolio("o", 0, null, null, null)), RejectReason.ALREADY_EXISTS);
        assertThat(book.submit(new Deposit(gen(), Money.MAX_COMMAND_AMOUNT_CENTS)))
                .isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void shouldRejectOpeningWithInvalidCapital() {
        assertRejected(book.submit(new OpenPortfolio("o", 0, null, null, null)), RejectReason.INVALID_AMOUNT);
        assertThat(book.portfolio()).isNull();
    }

    @Test
    void shouldRejectMalformedCommandsAsInvalidCommand() {
        assertRejected(book.submit(new OpenPortfolio("o", 100, "reckless", null, null)), RejectReason.INVALID_COMMAND);
        assertRejected(
                book.submit(new OpenPortfolio("o", 100, null, cents("500,000.00"), cents("500,000.00"))),
                RejectReason.INVALID_COMMAND);
        assertRejected(
                book.submit("x".repeat(129), new OpenPortfolio("o", 100, null, null, null)),
                RejectReason.INVALID_COMMAND);
        assertRejected(book.submit("", new OpenPortfolio("o", 100, null, null, null)), RejectReason.INVALID_COMMAND);
        book.open("250,000.00");
        assertRejected(book.submit(new AdjustCashBuffer(gen(), 2_001)), RejectReason.INVALID_COMMAND);
        assertRejected(book.submit(new AdjustCashBuffer(gen(), -1)), RejectReason.INVALID_COMMAND);
        assertRejected(book.submit(new Deposit(" ", 100)), RejectReason.INVALID_COMMAND);
    }

    @Test
    void shouldRejectInvalidPortfolioIdsAndTheReservedCalendar() {
        for (String portfolioId : List.of("has:colon", "has/slash", AccountIds.RESERVED_PORTFOLIO_ID)) {
            Decision decision = new CommandRules(RulesConfig.DEFAULTS)
                    .decide(
                            new Cause("c1", 1),
                            portfolioId,
                            new OpenPortfolio("o", 100, null, null, null),
                            null,
                            id -> Optional.empty());
            assertRejected(decision, RejectReason.INVALID_COMMAND);
        }
        assertThat(AccountIds.isValidPortfolioId("Calendar"))
                .as("ids are case-sensitive")
                .isTrue();
    }

    @Test
    void shouldRejectCommandsOnUnknownPortfoliosAndAccounts() {
        assertRejected(book.submit(new Deposit(gen(), 100)), RejectReason.UNKNOWN_ACCOUNT);
        book.open("250,000.00");
        assertRejected(book.submit(new Deposit("P1:F9:GEN", 100)), RejectReason.UNKNOWN_ACCOUNT);
    }

    @Test
    void shouldRejectAccountsOfAnotherPortfolio() {
        book.open("250,000.00");
        Account foreign = book.account(gen());
        Decision decision = new CommandRules(RulesConfig.DEFAULTS)
                .decide(
                        new Cause("c1", 1),
                        "P2",
                        new Deposit(gen(), 100),
                        new Portfolio("P2", "o", Template.MODERATE, 1, 5, 10, 0, 0, 0, Portfolio.Flows.none()),
                        id -> Optional.of(foreign));
        assertRejected(decision, RejectReason.UNKNOWN_ACCOUNT);
    }

    @Test
    void shouldRejectOpeningAnExistingPortfolio() {
        book.open("250,000.00");
        assertRejected(book.submit(new OpenPortfolio("o", 100, null, null, null)), RejectReason.ALREADY_EXISTS);
    }

    @Test
    void shouldRejectDepositsAndWithdrawalsOnSuspendedButApplyMarketFacts() {
        book.open("250,000.00");
        book.submit(new Suspend(rev(), "review"));

        assertRejected(book.submit(new Deposit(rev(), 100)), RejectReason.ACCOUNT_NOT_ACTIVE);
        assertRejected(book.submit(new Withdrawal(rev(), 100)), RejectReason.ACCOUNT_NOT_ACTIVE);
        assertThat(book.submit(new TradePremium(rev(), 100))).isInstanceOf(Decision.Accepted.class);
        assertThat(book.submit(new Commission(rev(), 40))).isInstanceOf(Decision.Accepted.class);
        assertThat(book.balance(rev())).isEqualTo(cents("75,000.60"));
    }

    @Test
    void shouldAllowOnlyTheStatusMachinesTransitions() {
        book.open("250,000.00");

        assertRejected(book.submit(new Activate(rev())), RejectReason.INVALID_TRANSITION);
        assertThat(book.submit(new Suspend(rev(), null))).isInstanceOf(Decision.Accepted.class);
        assertRejected(book.submit(new Suspend(rev(), null)), RejectReason.INVALID_TRANSITION);
        assertThat(book.submit(new Activate(rev()))).isInstanceOf(Decision.Accepted.class);
        assertThat(book.account(rev()).status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void shouldCloseOnlyAtZeroBalanceAndRejectEverythingAfter() {
        book.open("250,000.00");

        assertRejected(book.submit(new Close(rev(), null)), RejectReason.NONZERO_BALANCE);
        book.submit(new TradeLoss(rev(), cents("75,000.00")));
        assertThat(book.submit(new Close(rev(), "done"))).isInstanceOf(Decision.Accepted.class);

        assertThat(book.account(rev()).status()).isEqualTo(AccountStatus.CLOSED);
        assertThat(book.account(rev()).closeReason()).isEqualTo(CloseReason.REQUESTED);
        for (Command command : List.<Command>of(
                new TradePremium(rev(), 1),
                new Deposit(rev(), 1),
                new Activate(rev()),
                new Close(rev(), null),
                new AdjustCashBuffer(rev(), 100))) {
            assertRejected(book.submit(command), RejectReason.ACCOUNT_CLOSED);
        }
    }

    @Test
    void shouldApplyLossesBelowBufferAndZeroRaisingOneBufferBreach() {
        book.open("250,000.00");

        book.submit(new TradeLoss(rev(), cents("72,000.00")));
        book.submit(new TradeLoss(rev(), cents("4,000.00")));

        assertThat(book.balance(rev())).isEqualTo(cents("-1,000.00"));
        assertThat(book.account(rev()).availableCents()).isZero();
        assertThat(book.events())
                .filteredOn(DomainEvent.BufferBreach.class::isInstance)
                .hasSize(1);
        book.submit(new TradePremium(rev(), cents("10,000.00")));
        book.submit(new TradeLoss(rev(), cents("10,000.00")));
        assertThat(book.events())
                .as("a new breach after recovery")
                .filteredOn(DomainEvent.BufferBreach.class::isInstance)
                .hasSize(2);
    }

    @Test
    void shouldRecomputeBufferFromInitialBalanceOnAdjustment() {
        book.open("250,000.00");
        book.submit(new TradePremium(gen(), cents("1,000.00")));

        book.submit(new AdjustCashBuffer(gen(), 1_000));

        assertThat(book.account(gen()).cashBufferCents()).isEqualTo(cents("10,000.00"));
        assertThat(book.account(gen()).availableCents()).isEqualTo(cents("91,000.00"));
    }

    @Test
    void shouldRebuildIdenticalStateWhenTheSameCommandsAreReplayed() {
        List<Command> commands = List.of(
                new OpenPortfolio("o", cents("250,000.00"), null, null, null),
                new TradePremium(gen(), cents("30,000.00")),
                new Withdrawal(rev(), cents("80,000.00")),
                new TradePremium(gen(), cents("25,000.00")),
                new Deposit(com(), cents("1,000.00")),
                new TradeLoss(PortfolioBook.forkChild(1, AccountType.GENERATION), cents("500.00")));
        PortfolioBook replay = new PortfolioBook();

        commands.forEach(book::submit);
        commands.forEach(replay::submit);

        assertThat(book.portfolio().forkCount()).isEqualTo(1);
        assertThat(replay.fingerprint()).isEqualTo(book.fingerprint());
    }
}
