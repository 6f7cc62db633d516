package com.alluse.streams.domain;

import static com.alluse.streams.domain.PortfolioBook.cents;
import static com.alluse.streams.domain.PortfolioBook.com;
import static com.alluse.streams.domain.PortfolioBook.forkChild;
import static com.alluse.streams.domain.PortfolioBook.gen;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.domain.Command.Activate;
import com.alluse.streams.domain.Command.Deposit;
import com.alluse.streams.domain.Command.OpenPortfolio;
import com.alluse.streams.domain.Command.Suspend;
import com.alluse.streams.domain.Command.TradePremium;
import com.alluse.streams.domain.Command.Withdrawal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrowthTest {
    private final PortfolioBook book = new PortfolioBook();

    @AfterEach
    void invariantsHold() {
        assertThat(book.violations()).isEmpty();
    }

    @Test
    void shouldNotForkOneCentBelowTheThreshold() {
        book.open("250,000.00");

        book.submit(new TradePremium(gen(), cents("49,999.99")));

        assertThat(book.balance(gen())).isEqualTo(cents("149,999.99"));
        assertThat(book.portfolio().forkCount()).isZero();
    }

    @Test
    void shouldForkTheWholeSurplusAtExactlyTheThreshold() {
        book.open("250,000.00");
        long totalBefore = book.totalBalanceCents();

        book.submit(new TradePremium(gen(), cents("49,999.99")));
        book.submit(new TradePremium(gen(), cents("0.01")));

        String childGen = forkChild(1, AccountType.GENERATION);
        String childCom = forkChild(1, AccountType.COMPOUNDING);
        assertThat(book.balance(gen())).isEqualTo(cents("100,000.00"));
        assertThat(book.balance(childGen)).isEqualTo(cents("25,000.00"));
        assertThat(book.account(childGen).cashBufferCents()).isEqualTo(cents("1,250.00"));
        assertThat(book.balance(childCom)).isEqualTo(cents("25,000.00"));
        assertThat(book.account(childCom).identity().parentAccountId()).isEqualTo(gen());
        assertThat(book.account(childGen).principalCents()).isEqualTo(cents("25,000.00"));
        assertThat(book.totalBalanceCents()).isEqualTo(totalBefore + cents("50,000.00"));
        assertThat(book.ledger(gen())).last().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.FORK_OUT);
            assertThat(entry.amountCents()).isEqualTo(-cents("50,000.00"));
            assertThat(entry.forkId()).isEqualTo("P1:F1");
        });
        assertThat(book.ledger(childGen)).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.FORK_IN);
            assertThat(entry.forkId()).isEqualTo("P1:F1");
        });
        assertThat(book.events())
                .filteredOn(DomainEvent.ForkCompleted.class::isInstance)
                .singleElement()
                .isEqualTo(new DomainEvent.ForkCompleted(
                        "P1:F1",
                        gen(),
                        cents("50,000.00"),
                        childGen,
                        cents("25,000.00"),
                        childCom,
                        cents("25,000.00")));
    }

    @Test
    void shouldGiveTheOddCentOfTheSurplusToTheGenerationChild() {
        book.open("250,000.00");

        book.submit(new TradePremium(gen(), cents("50,000.01")));

        assertThat(book.balance(forkChild(1, AccountType.GENERATION))).isEqualTo(cents("25,000.01"));
        assertThat(book.balance(forkChild(1, AccountType.COMPOUNDING))).isEqualTo(cents("25,000.00"));
    }

    @Test
    void shouldNotForkOnDepositsBecausePrincipalRisesWithThem() {
        book.open("250,000.00");

        book.submit(new Deposit(gen(), cents("60,000.00")));

        assertThat(book.portfolio().forkCount()).isZero();
        assertThat(book.account(gen()).principalCents()).isEqualTo(cents("160,000.00"));
    }

    @Test
    void shouldForkForkedGenerationAccountsAgainstTheirOwnPrincipal() {
        book.open("250,000.00");
        book.submit(new TradePremium(gen(), cents("50,000.00")));
        String child = forkChild(1, AccountType.GENERATION);

        book.submit(new TradePremium(child, cents("50,000.00")));

        assertThat(book.portfolio().forkCount()).isEqualTo(2);
        assertThat(book.balance(child)).isEqualTo(cents("25,000.00"));
        assertThat(book.account(forkChild(2, AccountType.GENERATION)).identity().parentAccountId())
                .isEqualTo(child);
    }

    @Test
    void shouldNotForkWhileSuspendedButForkOnReactivation() {
        book.open("250,000.00");
        book.submit(new Suspend(gen(), null));
        book.submit(new TradePremium(gen(), cents("60,000.00")));
        assertThat(book.portfolio().forkCount()).isZero();

        book.submit(new Activate(gen()));

        assertThat(book.portfolio().forkCount()).isEqualTo(1);
        assertThat(book.balance(gen())).isEqualTo(cents("100,000.00"));
    }

    @Test
    void shouldMergeAGroupReachingTheThresholdIntoTheMainCompoundingAccount() {
        book.open("250,000.00");
        book.submit(new TradePremium(gen(), cents("50,000.00")));
        String childGen = forkChild(1, AccountType.GENERATION);
        String childCom = forkChild(1, AccountType.COMPOUNDING);
        book.submit(new Deposit(childGen, cents("275,000.00")));
        book.submit(new Deposit(childCom, cents("174,999.99")));
        assertThat(book.balance(childGen)).isEqualTo(cents("300,000.00"));
        assertThat(book.balance(childCom)).isEqualTo(cents("199,999.99"));
        assertThat(book.portfolio().mergeCount()).isZero();
        long mainComBefore = book.balance(com());

        book.submit(new TradePremium(childCom, cents("0.01")));

        assertThat(book.portfolio().mergeCount()).isEqualTo(1);
        assertThat(book.balance(com())).isEqualTo(mainComBefore + cents("500,000.00"));
        for (String id : List.of(childGen, childCom)) {
            assertThat(book.balance(id)).isZero();
            assertThat(book.account(id).status()).isEqualTo(AccountStatus.CLOSED);
            assertThat(book.account(id).closeReason()).isEqualTo(CloseReason.MERGED);
            assertThat(book.ledger(id)).last().satisfies(entry -> {
                assertThat(entry.type()).isEqualTo(EntryType.MERGE_OUT);
                assertThat(entry.mergeId()).isEqualTo("P1:M1");
            });
        }
        assertThat(book.ledger(com())).last().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.MERGE_IN);
            assertThat(entry.amountCents()).isEqualTo(cents("500,000.00"));
        });
        Decision after = book.submit(new TradePremium(childGen, 100));
        assertThat(after)
                .isInstanceOfSatisfying(
                        Decision.Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectReason.ACCOUNT_CLOSED));
        assertThat(book.submit(new Withdrawal(childGen, 100))).isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void shouldLetGroupsForkedFromAMergedGenerationAccountLiveOn() {
        book.open("250,000.00");
        book.submit(new TradePremium(gen(), cents("50,000.00")));
        String childGen = forkChild(1, AccountType.GENERATION);
        book.submit(new TradePremium(childGen, cents("50,000.00")));
        book.submit(new Deposit(forkChild(1, AccountType.COMPOUNDING), cents("500,000.00")));
        assertThat(book.account(childGen).status()).isEqualTo(AccountStatus.CLOSED);

        assertThat(book.account(forkChild(2, AccountType.GENERATION)).status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(book.submit(new TradePremium(forkChild(2, AccountType.GENERATION), 100)))
                .isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void shouldMergeAtOnceWhenAForkSeedsAGroupAboveTheMergeThreshold() {
        book.submit(new OpenPortfolio("o", cents("250,000.00"), null, cents("1,000.00"), cents("2,000.00")));

        book.submit(new TradePremium(gen(), cents("3,000.00")));

        assertThat(book.portfolio().forkCount()).isEqualTo(1);
        assertThat(book.portfolio().mergeCount()).isEqualTo(1);
        assertThat(book.balance(com())).isEqualTo(cents("78,000.00"));
    }

    @Test
    void shouldNeverMergeMainAccounts() {
        book.open("250,000.00");

        book.submit(new Deposit(com(), cents("1,000,000.00")));

        assertThat(book.portfolio().mergeCount()).isZero();
        assertThat(book.account(com()).status()).isEqualTo(AccountStatus.ACTIVE);
    }
}
