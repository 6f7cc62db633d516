package com.alluse.streams.projection;

import static com.alluse.streams.projection.ProjectionInputs.WEEKS_PER_YEAR;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.MergeCompleted;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.domain.AccountType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a projection through the production topology: opens one portfolio, then each week pays
 * every open account its synthetic premium (from the balance the topology last published), closes
 * the week, and every 13th week the quarter. Forks and merges are whatever the topology's rules do.
 */
public final class ProjectionSimulator {
    public static final String PORTFOLIO_ID = "projection";
    public static final int WEEKS_PER_QUARTER = 13;
    /**
     * Open accounts grow exponentially (every fork adds two; 637 after 10 years of the default
     * run, ~2,000 after 12.5): each premium is one topology step, so beyond this many accounts
     * every simulated week costs seconds and a long horizon would run for hours.
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
        Duration wholeRun = Duration.ofMillis(WEEK_MS).multipliedBy(inputs.weeks() + 1L);
        try (ProjectionDriver driver = new ProjectionDriver(inputs.rules(), wholeRun)) {
            Run run = new Run(driver, inputs);
            run.open();
            for (int week = 1; week <= inputs.weeks(); week++) {
                run.play(week);
            }
            return run.result();
        }
    }

    /** The mutable state of one run: the account book and what has been observed so far. */
    private static final class Run {
        private final ProjectionDriver driver;
        private final ProjectionInputs inputs;
        private final AccountBook book = new AccountBook();
        private final List<ProjectionResult.Week> weeks = new ArrayList<>();
        private final List<ProjectionResult.Premium> premiums = new ArrayList<>();
        private final List<ProjectionResult.Fork> forks = new ArrayList<>();
        private final List<ProjectionResult.Merge> merges = new ArrayList<>();
        private long weekIncomeCents;

        Run(ProjectionDriver driver, ProjectionInputs inputs) {
            this.driver = driver;
            this.inputs = inputs;
        }

        void open() {
            var open = AccountCommands.openPortfolio(
                    inputs.capitalCents(), inputs.template().name());
            send("open", open, START_MS, 0);
            weeks.add(book.snapshot(0, 0, 0, 0));
        }

        void play(int week) {
            weekIncomeCents = 0;
            payPremiums(week);
            long closeMs = weekStartMs(week) + WEEK_CLOSE_OFFSET_MS;
            closePeriod(
                    CalendarKind.WEEK_CLOSE, yearOf(week) + "-W" + ((week - 1) % WEEKS_PER_YEAR + 1), closeMs, week);
            if (week % WEEKS_PER_QUARTER == 0) {
                int quarter = (week - 1) % WEEKS_PER_YEAR / WEEKS_PER_QUARTER + 1;
                closePeriod(CalendarKind.QUARTER_CLOSE, yearOf(week) + "-Q" + quarter, closeMs + 1, week);
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

        private void payPremium(AccountState state, int week, long timestampMs) {
            if (state.getStatus() == AccountStatus.CLOSED) {
                return;
            }
            AccountType type = AccountType.valueOf(state.getAccountType().name());
            long amountCents = ProjectionPremium.weeklyAmountCents(state.getBalanceCents(), type);
            if (amountCents > 0) {
                String accountId = state.getAccountId();
                send("w" + week + "-" + accountId, AccountCommands.premium(accountId, amountCents), timestampMs, week);
            }
        }

        private void send(String commandId, Object payload, long timestampMs, int week) {
            var command = AccountCommands.command(commandId, PORTFOLIO_ID, timestampMs, payload);
            ProjectionDriver.Outputs outputs = driver.send(command, timestampMs);
            requireAccepted(commandId, outputs.results());
            absorb(outputs, week);
        }

        private void closePeriod(CalendarKind kind, String periodId, long timestampMs, int week) {
            absorb(driver.send(AccountCommands.calendar(kind, periodId, timestampMs), timestampMs), week);
        }

        private static void requireAccepted(String commandId, List<CommandResult> results) {
            if (results.size() != 1 || results.get(0).getOutcome() != CommandOutcome.ACCEPTED) {
                throw new IllegalStateException(
                        "the topology did not accept projection command " + commandId + ": " + results);
            }
        }

        private void absorb(ProjectionDriver.Outputs outputs, int week) {
            if (!outputs.deadLetters().isEmpty()) {
                throw new IllegalStateException(
                        "the topology dead-lettered projection input: " + outputs.deadLetters());
            }
            book.apply(outputs.accountStates());
            outputs.ledger().forEach(entry -> recordPremium(entry, week));
            outputs.portfolioEvents().forEach(event -> recordForkOrMerge(event, week));
        }

        private void recordPremium(LedgerEntry entry, int week) {
            if (entry.getEntryType() == LedgerEntryType.PREMIUM) {
                premiums.add(new ProjectionResult.Premium(
                        week, entry.getAccountId(), entry.getAmountCents(), entry.getBalanceAfterCents()));
                weekIncomeCents = Math.addExact(weekIncomeCents, entry.getAmountCents());
            }
        }

        private void recordForkOrMerge(PortfolioEvent event, int week) {
            if (event.getPayload() instanceof ForkCompleted fork) {
                forks.add(new ProjectionResult.Fork(
                        week,
                        fork.getForkId(),
                        fork.getParentAccountId(),
                        fork.getSurplusCents(),
                        fork.getGenerationCents(),
                        fork.getCompoundingCents()));
            } else if (event.getPayload() instanceof MergeCompleted merge) {
                merges.add(new ProjectionResult.Merge(
                        week,
                        merge.getMergeId(),
                        merge.getForkId(),
                        merge.getTargetAccountId(),
                        merge.getAmountCents()));
            }
        }

        private static long weekStartMs(int week) {
            return START_MS + (week - 1) * WEEK_MS;
        }

        ProjectionResult result() {
            return new ProjectionResult(inputs, weeks, premiums, forks, merges);
        }
    }
}
