package com.alluse.streams.projection;

import static com.alluse.streams.projection.ProjectionInputs.WEEKS_PER_YEAR;

import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.DomainEvent;
import com.alluse.streams.domain.EntryType;
import com.alluse.streams.domain.LedgerEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a projection on the production rules: opens one portfolio, then each week pays every open
 * account its synthetic premium (from the balance the ledger last booked), closes the week, and
 * every 13th week the quarter. Forks and merges are whatever the rules do.
 */
public final class ProjectionSimulator {
    public static final String PORTFOLIO_ID = "projection";
    public static final int WEEKS_PER_QUARTER = 13;
    /**
     * Open accounts grow exponentially (every fork adds two; 637 after 10 years of the default
     * run, ~2,000 after 12.5): the result keeps every premium, so past this many accounts a long
     * horizon would soon hold tens of millions of them, and the production topology, which the
     * projection must stay equal to, would need hours for a run.
     */
    public static final int MAX_OPEN_ACCOUNTS = 5_000;

    /** A fixed Monday, so that every run produces identical timestamps and ids. */
    private static final long START_MS = Instant.parse("2027-01-04T00:00:00Z").toEpochMilli();

    private static final long WEEK_MS = Duration.ofDays(7).toMillis();
    /** Premiums land on Thursday (Gen-Acc's entry day), the week closes Friday evening. */
    private static final long PREMIUMS_OFFSET_MS = Duration.ofDays(3).toMillis();

    private static final long WEEK_CLOSE_OFFSET_MS =
            Duration.ofDays(4).plusHours(21).toMillis();

    public ProjectionResult run(ProjectionInputs inputs) {
        return run(inputs, new RulesLedger(PORTFOLIO_ID, inputs.rules()));
    }

    /** Runs on the given ledger, which must hold no portfolio yet. */
    ProjectionResult run(ProjectionInputs inputs, ProjectionLedger ledger) {
        Run run = new Run(ledger, inputs);
        run.open();
        for (int week = 1; week <= inputs.weeks(); week++) {
            run.play(week);
        }
        return run.result();
    }

    /** The mutable state of one run: the account book and what has been observed so far. */
    private static final class Run {
        private final ProjectionLedger ledger;
        private final ProjectionInputs inputs;
        private final AccountBook book = new AccountBook();
        private final List<ProjectionResult.Week> weeks = new ArrayList<>();
        private final List<ProjectionResult.Premium> premiums = new ArrayList<>();
        private final List<ProjectionResult.Fork> forks = new ArrayList<>();
        private final List<ProjectionResult.Merge> merges = new ArrayList<>();
        private long weekIncomeCents;

        Run(ProjectionLedger ledger, ProjectionInputs inputs) {
            this.ledger = ledger;
            this.inputs = inputs;
        }

        void open() {
            var open = new Command.OpenPortfolio(
                    "", inputs.capitalCents(), inputs.template().name(), null, null);
            send("open", open, START_MS, 0);
            weeks.add(book.snapshot(0, 0, 0, 0));
        }

        void play(int week) {
            weekIncomeCents = 0;
            payPremiums(week);
            long closeMs = weekStartMs(week) + WEEK_CLOSE_OFFSET_MS;
            String weekId = yearOf(week) + "-W" + ((week - 1) % WEEKS_PER_YEAR + 1);
            absorb(ledger.closeWeek(new Cause("WEEK_CLOSE/" + weekId, closeMs), weekId), week);
            if (week % WEEKS_PER_QUARTER == 0) {
                String quarterId = yearOf(week) + "-Q" + ((week - 1) % WEEKS_PER_YEAR / WEEKS_PER_QUARTER + 1);
                absorb(ledger.closeQuarter(new Cause("QUARTER_CLOSE/" + quarterId, closeMs + 1), quarterId), week);
            }
            weeks.add(book.snapshot(week, forks.size(), merges.size(), weekIncomeCents));
        }

        /** Periods are projection-relative (Y3-W7, Y3-Q1) and unique, so no close is ignored as a repeat. */
        private static String yearOf(int week) {
            return "Y" + ((week - 1) / WEEKS_PER_YEAR + 1);
        }

        /**
         * Accounts open at the start of the week earn; children forked during the week start next
         * week. Each amount uses the balance published just before it, and an account closed by a
         * merge earlier in the week is skipped.
         */
        private void payPremiums(int week) {
            List<String> accountIds = book.openAccountIds();
            if (accountIds.size() > MAX_OPEN_ACCOUNTS) {
                throw new IllegalStateException("week " + week + " starts with " + accountIds.size()
                        + " open accounts, more than the projection's bound of " + MAX_OPEN_ACCOUNTS
                        + "; project fewer weeks or raise the fork threshold");
            }
            long premiumsStartMs = weekStartMs(week) + PREMIUMS_OFFSET_MS;
            for (int index = 0; index < accountIds.size(); index++) {
                payPremium(book.get(accountIds.get(index)), week, premiumsStartMs + index);
            }
        }

        private void payPremium(Account account, int week, long timestampMs) {
            if (account.isClosed()) {
                return;
            }
            long amountCents = ProjectionPremium.weeklyAmountCents(account.balanceCents(), account.type());
            if (amountCents > 0) {
                String accountId = account.accountId();
                send("w" + week + "-" + accountId, new Command.TradePremium(accountId, amountCents), timestampMs, week);
            }
        }

        private void send(String commandId, Command command, long timestampMs, int week) {
            absorb(ledger.submit(new Cause(commandId, timestampMs), command), week);
        }

        private void absorb(ProjectionLedger.Booking booking, int week) {
            book.apply(booking.accounts());
            booking.entries().forEach(entry -> recordPremium(entry, week));
            booking.forks().forEach(fork -> recordFork(fork, week));
            booking.merges().forEach(merge -> recordMerge(merge, week));
        }

        private void recordPremium(LedgerEntry entry, int week) {
            if (entry.type() == EntryType.PREMIUM) {
                premiums.add(new ProjectionResult.Premium(
                        week, entry.accountId(), entry.amountCents(), entry.balanceAfterCents()));
                weekIncomeCents = Math.addExact(weekIncomeCents, entry.amountCents());
            }
        }

        private void recordFork(DomainEvent.ForkCompleted fork, int week) {
            forks.add(new ProjectionResult.Fork(
                    week,
                    fork.forkId(),
                    fork.parentAccountId(),
                    fork.surplusCents(),
                    fork.generationCents(),
                    fork.compoundingCents()));
        }

        private void recordMerge(DomainEvent.MergeCompleted merge, int week) {
            merges.add(new ProjectionResult.Merge(
                    week, merge.mergeId(), merge.forkId(), merge.targetAccountId(), merge.amountCents()));
        }

        private static long weekStartMs(int week) {
            return START_MS + (week - 1) * WEEK_MS;
        }

        ProjectionResult result() {
            return new ProjectionResult(inputs, weeks, premiums, forks, merges);
        }
    }
}
