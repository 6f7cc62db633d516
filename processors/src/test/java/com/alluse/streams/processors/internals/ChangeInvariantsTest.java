package com.alluse.streams.processors.internals;

import static com.alluse.streams.processors.BrokenChanges.account;
import static com.alluse.streams.processors.BrokenChanges.entry;
import static com.alluse.streams.processors.BrokenChanges.replace;
import static com.alluse.streams.processors.BrokenChanges.withAmount;
import static com.alluse.streams.processors.BrokenChanges.withBalance;
import static com.alluse.streams.processors.BrokenChanges.withInitial;
import static com.alluse.streams.processors.BrokenChanges.withLastSequence;
import static com.alluse.streams.processors.BrokenChanges.withSequence;
import static com.alluse.streams.processors.BrokenChanges.withoutAccount;
import static com.alluse.streams.processors.BrokenChanges.withoutPortfolio;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.EntryType;
import com.alluse.streams.domain.LedgerEntry;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeInvariantsTest {
    private StoredBook book;

    @BeforeEach
    void openPortfolio() {
        book = new StoredBook("P1");
        // Capital 1,000.00 (Gen 400.00, Rev 300.00, Com 300.00); fork at a 100.00 surplus, merge a group at 1,000.00.
        book.checkAndApply(book.decide(new Command.OpenPortfolio("owner", 100_000L, "MODERATE", 10_000L, 100_000L)));
    }

    @Test
    void shouldFindNothingWrongWithWhatTheRulesDecideThroughEveryKindOfEntry() {
        Set<EntryType> seen = EnumSet.of(EntryType.OPENING);
        for (Changes changes : new Changes[] {
            book.checkAndApply(book.decide(new Command.Deposit("P1:GEN", 5_000L))),
            book.checkAndApply(book.decide(new Command.TradePremium("P1:GEN", 10_000L))),
            book.checkAndApply(book.decide(new Command.Withdrawal("P1:GEN", 1_000L))),
            book.checkAndApply(book.decide(new Command.TradeLoss("P1:REV", 500L))),
            book.checkAndApply(book.decide(new Command.Commission("P1:REV", 100L))),
            book.checkAndApply(book.decide(new Command.TradePremium("P1:REV", 2_000L))),
            book.checkAndApply(book.decide(new Command.Deposit("P1:F1:COM", 90_000L))),
            book.checkAndApply(book.quarterClose("2026-Q1")),
            book.checkAndApply(book.weekClose("2026-W13")),
            book.checkAndApply(book.decide(new Command.AdjustCashBuffer("P1:REV", 1_000))),
        }) {
            changes.entries().forEach(entry -> seen.add(entry.type()));
        }

        assertThat(seen)
                .as("the steps wrote every kind of entry: fork, merge and reinvestment included")
                .isEqualTo(EnumSet.allOf(EntryType.class));
        assertThat(book.domainViolations())
                .as("the domain's whole-portfolio invariants agree")
                .isEmpty();
    }

    @Test
    void shouldRefuseAStepWhoseMarketFactCreditsMoreThanItsFlowsRecord() {
        Changes premium = book.decide(new Command.TradePremium("P1:REV", 1_000L));
        LedgerEntry entry = entry(premium, "P1:REV");
        Account rev = account(premium, "P1:REV");
        Changes broken = replace(
                replace(premium, entry, withAmount(entry, 1_001L, entry.balanceAfterCents() + 1)),
                withBalance(rev, rev.balanceCents() + 1));

        assertThat(book.violations(broken))
                .containsExactly(
                        "P1: capital and flows change by 1000 but the money moved in or out of the portfolio is 1001");
    }

    @Test
    void shouldRefuseAForkThatCreatesMoney() {
        Changes fork = book.decide(new Command.TradePremium("P1:GEN", 10_000L));
        LedgerEntry forkIn = entry(fork, "P1:F1:GEN");
        Account child = account(fork, "P1:F1:GEN");
        Changes broken = replace(
                replace(fork, forkIn, withAmount(forkIn, forkIn.amountCents() + 1, forkIn.balanceAfterCents() + 1)),
                withInitial(withBalance(child, child.balanceCents() + 1), child.initialCents() + 1));

        assertThat(book.violations(broken))
                .containsExactly(
                        "P1: balances change by 10001 but the money moved in or out of the portfolio is 10000");
    }

    @Test
    void shouldRefuseAnEntryThatSkipsASequenceNumber() {
        Changes deposit = book.decide(new Command.Deposit("P1:GEN", 100L));
        LedgerEntry entry = entry(deposit, "P1:GEN");
        Changes broken = replace(
                replace(deposit, entry, withSequence(entry, 3)), withLastSequence(account(deposit, "P1:GEN"), 3));

        assertThat(book.violations(broken)).containsExactly("P1:GEN: sequence 3 where 2 was due");
    }

    @Test
    void shouldRefuseAnEntryThatReusesASequenceNumber() {
        Changes deposit = book.decide(new Command.Deposit("P1:GEN", 100L));
        LedgerEntry entry = entry(deposit, "P1:GEN");
        Changes broken = replace(
                replace(deposit, entry, withSequence(entry, 1)), withLastSequence(account(deposit, "P1:GEN"), 1));

        assertThat(book.violations(broken)).containsExactly("P1:GEN: sequence 1 where 2 was due");
    }

    @Test
    void shouldRefuseAnAccountWhoseLastSequenceIsNotItsLastEntry() {
        Changes deposit = book.decide(new Command.Deposit("P1:GEN", 100L));
        Changes broken = replace(deposit, withLastSequence(account(deposit, "P1:GEN"), 5));

        assertThat(book.violations(broken)).containsExactly("P1:GEN: last sequence 5 but its ledger ends at 2");
    }

    @Test
    void shouldRefuseABalanceThatIsNotThePreviousBalancePlusTheNewEntries() {
        Changes deposit = book.decide(new Command.Deposit("P1:GEN", 100L));
        Account gen = account(deposit, "P1:GEN");
        Changes broken = replace(deposit, withBalance(gen, gen.balanceCents() + 7));

        assertThat(book.violations(broken))
                .containsExactly(
                        "P1:GEN: balance 40107 but the previous balance and entries give 40100",
                        "P1: balances change by 107 but the money moved in or out of the portfolio is 100");
    }

    @Test
    void shouldRefuseAnEntryWhoseBalanceAfterIsNotTheRunningBalance() {
        Changes deposit = book.decide(new Command.Deposit("P1:GEN", 100L));
        LedgerEntry entry = entry(deposit, "P1:GEN");
        Changes broken = replace(deposit, entry, withAmount(entry, entry.amountCents(), entry.balanceAfterCents() - 1));

        assertThat(book.violations(broken))
                .containsExactly("P1:GEN#2: balance after 40099 but the previous balance and entries give 40100");
    }

    @Test
    void shouldRefuseABalanceChangeWithoutALedgerEntry() {
        Changes adjust = book.decide(new Command.AdjustCashBuffer("P1:REV", 1_000));
        Account rev = account(adjust, "P1:REV");
        Changes broken = replace(adjust, withBalance(rev, rev.balanceCents() + 50));

        assertThat(book.violations(broken))
                .contains("P1:REV: balance 30050 but the previous balance and entries give 30000");
    }

    @Test
    void shouldRefuseLedgerEntriesWithoutTheirAccountsNewState() {
        Changes deposit = book.decide(new Command.Deposit("P1:GEN", 100L));

        assertThat(book.violations(withoutAccount(deposit, "P1:GEN")))
                .contains("P1:GEN: ledger entries without the account's new state");
    }

    @Test
    void shouldRefuseANewAccountNotFundedWithItsInitialBalance() {
        Changes fork = book.decide(new Command.TradePremium("P1:GEN", 10_000L));
        Account child = account(fork, "P1:F1:COM");

        assertThat(book.violations(replace(fork, withInitial(child, child.initialCents() + 1))))
                .containsExactly("P1:F1:COM: first entry 5000 is not the initial balance 5001");
    }

    @Test
    void shouldRefuseMoneyThatCrossesThePortfolioBoundaryWithoutBeingRecordedInItsFlows() {
        Changes deposit = book.decide(new Command.Deposit("P1:GEN", 100L));

        assertThat(book.violations(withoutPortfolio(deposit)))
                .containsExactly(
                        "P1: capital and flows change by 0 but the money moved in or out of the portfolio is 100");
    }

    @Test
    void shouldRefuseChangesToAPortfolioThatDoesNotExist() {
        Changes deposit = withoutPortfolio(book.decide(new Command.Deposit("P1:GEN", 100L)));

        assertThat(ChangeInvariants.violations("P1", deposit, null, book.lookup()))
                .contains("P1: changes to accounts of a portfolio that does not exist");
    }

    @Test
    void shouldRefuseChangesOfAnotherPortfolio() {
        Changes deposit = book.decide(new Command.Deposit("P1:GEN", 100L));

        assertThat(ChangeInvariants.violations("P2", deposit, book.portfolio(), book.lookup()))
                .contains(
                        "P1:GEN#2: entry of portfolio P1 in a step of P2",
                        "P1:GEN: account of portfolio P1 in a step of P2",
                        "P2: the step writes portfolio P1");
    }

    @Test
    void shouldCountOnlyCapitalAndExternalFlowsAsMoneyCrossingThePortfolioBoundary() {
        Set<EntryType> crossing = EnumSet.noneOf(EntryType.class);
        for (EntryType type : EntryType.values()) {
            if (ChangeInvariants.crossesPortfolioBoundary(type)) {
                crossing.add(type);
            }
        }

        assertThat(crossing)
                .containsExactlyInAnyOrder(
                        EntryType.OPENING,
                        EntryType.DEPOSIT,
                        EntryType.WITHDRAWAL,
                        EntryType.PREMIUM,
                        EntryType.LOSS,
                        EntryType.COMMISSION);
    }
}
