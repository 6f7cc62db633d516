package com.alluse.streams.domain;

import static com.alluse.streams.domain.PortfolioBook.cents;
import static com.alluse.streams.domain.PortfolioBook.com;
import static com.alluse.streams.domain.PortfolioBook.gen;
import static com.alluse.streams.domain.PortfolioBook.rev;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.domain.Command.Commission;
import com.alluse.streams.domain.Command.Deposit;
import com.alluse.streams.domain.Command.Suspend;
import com.alluse.streams.domain.Command.TradeLoss;
import com.alluse.streams.domain.Command.TradePremium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CalendarRulesTest {
    private final PortfolioBook book = new PortfolioBook();

    @AfterEach
    void invariantsHold() {
        assertThat(book.violations()).isEmpty();
    }

    @Test
    void shouldReinvestQuarterlyEarningsSeventyFiveTwentyFiveWithoutChangingTheBalance() {
        book.open("250,000.00");
        book.submit(new TradePremium(rev(), cents("10,000.00")));
        long balance = book.balance(rev());

        book.quarterClose("2026-Q4");

        assertThat(book.balance(rev())).isEqualTo(balance);
        assertThat(book.account(rev()).reinvestment())
                .isEqualTo(new ReinvestmentTotals(0, cents("7,500.00"), cents("2,500.00")));
        assertThat(book.ledger(rev())).last().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.REINVESTMENT);
            assertThat(entry.amountCents()).isZero();
            assertThat(entry.reinvestment()).isEqualTo(new ReinvestmentSplit(cents("7,500.00"), cents("2,500.00")));
        });
        assertThat(book.events())
                .filteredOn(DomainEvent.ReinvestmentAllocated.class::isInstance)
                .hasSize(1);
    }

    @Test
    void shouldDeferEarningsBelowTheMinimumAndCarryThemOver() {
        book.open("250,000.00");
        book.submit(new TradePremium(rev(), cents("10,000.00")));
        book.submit(new Commission(rev(), cents("0.01")));

        book.quarterClose("2026-Q3");
        assertThat(book.account(rev()).reinvestment().earningsSinceCents()).isEqualTo(cents("9,999.99"));
        assertThat(book.events())
                .filteredOn(DomainEvent.ReinvestmentDeferred.class::isInstance)
                .hasSize(1);

        book.submit(new TradePremium(rev(), cents("0.02")));
        book.quarterClose("2026-Q4");

        assertThat(book.account(rev()).reinvestment())
                .isEqualTo(new ReinvestmentTotals(0, cents("7,500.01"), cents("2,500.00")));
    }

    @Test
    void shouldNotReinvestGenerationOrSuspendedAccountsOrDeposits() {
        book.open("250,000.00");
        book.submit(new TradePremium(gen(), cents("20,000.00")));
        book.submit(new Deposit(com(), cents("20,000.00")));
        book.submit(new TradePremium(rev(), cents("20,000.00")));
        book.submit(new Suspend(rev(), null));

        Changes changes = book.quarterClose("2026-Q4");

        assertThat(changes.entries()).isEmpty();
        assertThat(changes.events()).isEmpty();
    }

    @Test
    void shouldCapReinvestmentAtAvailable() {
        book.open("250,000.00");
        book.submit(new TradePremium(com(), cents("20,000.00")));
        book.submit(new TradeLoss(com(), cents("80,000.00")));
        book.submit(new TradePremium(com(), cents("70,000.00")));

        book.quarterClose("2026-Q4");

        assertThat(book.balance(com())).isEqualTo(cents("85,000.00"));
        assertThat(book.account(com()).reinvestment().contractsCents()
                        + book.account(com()).reinvestment().leapsCents())
                .isEqualTo(cents("10,000.00"));
    }

    @Test
    void shouldShowNoDrawdownForAGenerationAccountThatForked() {
        book.open("250,000.00");
        book.submit(new TradePremium(gen(), cents("50,000.00")));
        assertThat(book.balance(gen())).isEqualTo(cents("100,000.00"));

        book.weekClose("2026-W01");

        Performance performance = book.account(gen()).performance();
        assertThat(performance.indexNanos()).isEqualTo(1_500_000_000L);
        assertThat(performance.drawdownBps()).isZero();
        assertThat(performance.weekStartBalanceCents()).isEqualTo(cents("100,000.00"));
        assertThat(book.events()).noneMatch(DomainEvent.DrawdownBreach.class::isInstance);
    }

    @Test
    void shouldRaiseDrawdownBreachOnceAndClearItWhenBackWithinTheLimit() {
        book.open("250,000.00");
        book.submit(new TradeLoss(gen(), cents("8,000.00")));
        book.weekClose("W1");
        assertThat(book.account(gen()).performance().indexNanos()).isEqualTo(920_000_000L);
        assertThat(book.events()).noneMatch(DomainEvent.DrawdownBreach.class::isInstance);

        book.submit(new TradeLoss(gen(), cents("7,360.00")));
        book.weekClose("W2");
        assertThat(book.account(gen()).performance().indexNanos()).isEqualTo(846_400_000L);
        assertThat(book.events())
                .filteredOn(DomainEvent.DrawdownBreach.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(
                                ((DomainEvent.DrawdownBreach) e).performance().drawdownBps())
                        .isEqualTo(1_536));

        book.weekClose("W3");
        assertThat(book.events())
                .as("still breached, raised once")
                .filteredOn(DomainEvent.DrawdownBreach.class::isInstance)
                .hasSize(1);

        book.submit(new TradePremium(gen(), cents("1,692.80")));
        book.weekClose("W4");
        assertThat(book.account(gen()).performance().indexNanos()).isEqualTo(863_328_000L);
        assertThat(book.events())
                .filteredOn(DomainEvent.DrawdownCleared.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(
                                ((DomainEvent.DrawdownCleared) e).performance().drawdownBps())
                        .isEqualTo(1_366));
        assertThat(book.account(gen()).performance().drawdownBreached()).isFalse();
    }

    @Test
    void shouldNotCountDepositsAsReturns() {
        book.open("250,000.00");
        book.submit(new Deposit(rev(), cents("75,000.00")));

        book.weekClose("W1");

        assertThat(book.account(rev()).performance().indexNanos()).isEqualTo(Performance.ONE_NANOS);
        assertThat(book.account(rev()).performance().weekStartBalanceCents()).isEqualTo(cents("150,000.00"));
    }
}
