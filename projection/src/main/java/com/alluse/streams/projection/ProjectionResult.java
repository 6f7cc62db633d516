package com.alluse.streams.projection;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a projection observed on its ledger: one snapshot per week (week 0 is
 * the opening), every premium as the ledger booked it, and the fork and merge logs.
 */
public record ProjectionResult(
        ProjectionInputs inputs, List<Week> weeks, List<Premium> premiums, List<Fork> forks, List<Merge> merges) {

    public ProjectionResult {
        weeks = List.copyOf(weeks);
        premiums = List.copyOf(premiums);
        forks = List.copyOf(forks);
        merges = List.copyOf(merges);
        if (weeks.isEmpty()) {
            throw new IllegalArgumentException("weeks must hold at least the opening snapshot");
        }
        for (int index = 0; index < weeks.size(); index++) {
            if (weeks.get(index).week() != index) {
                throw new IllegalArgumentException("weeks must be 0 (the opening), 1, 2, ... in order; found week "
                        + weeks.get(index).week() + " at position " + index);
            }
        }
    }

    /**
     * The portfolio at the end of a week, from the accounts the ledger booked. Values are the sums
     * of balances per account type (main and forked alike); income is the week's premiums.
     */
    public record Week(
            int week,
            long totalValueCents,
            long generationCents,
            long revenueCents,
            long compoundingCents,
            int openAccounts,
            int openForkGroups,
            int forksToDate,
            int mergesToDate,
            long incomeCents) {}

    /** A PREMIUM ledger entry: what the ledger credited, and the balance it left. */
    public record Premium(int week, String accountId, long amountCents, long balanceAfterCents) {}

    /** A ForkCompleted event: the surplus that left the parent and how it was split. */
    public record Fork(
            int week,
            String forkId,
            String parentAccountId,
            long surplusCents,
            long generationCents,
            long compoundingCents) {}

    /** A MergeCompleted event: a fork group moved in full into the main Com-Acc. */
    public record Merge(int week, String mergeId, String forkId, String targetAccountId, long amountCents) {}

    /** One (possibly partial, if the run ends mid-year) year of the projection. */
    public record Year(
            int year,
            int firstWeek,
            int lastWeek,
            long endValueCents,
            long incomeCents,
            int openForkGroupsAtEnd,
            int forks,
            int merges,
            int openAccountsAtEnd) {}

    public Week opening() {
        return weeks.get(0);
    }

    public Week last() {
        return weeks.get(weeks.size() - 1);
    }

    public long totalIncomeCents() {
        long total = 0;
        for (Premium premium : premiums) {
            total = Math.addExact(total, premium.amountCents());
        }
        return total;
    }

    /** Years of 52 weeks; the last one is partial when the weeks are not a whole number of years. */
    public List<Year> years() {
        List<Year> years = new ArrayList<>();
        int lastWeek = last().week();
        for (int firstWeek = 1; firstWeek <= lastWeek; firstWeek += ProjectionInputs.WEEKS_PER_YEAR) {
            int yearLastWeek = Math.min(lastWeek, firstWeek + ProjectionInputs.WEEKS_PER_YEAR - 1);
            years.add(year(years.size() + 1, firstWeek, yearLastWeek));
        }
        return years;
    }

    private Year year(int year, int firstWeek, int lastWeek) {
        Week start = weeks.get(firstWeek - 1);
        Week end = weeks.get(lastWeek);
        long income = 0;
        for (Week week : weeks.subList(firstWeek, lastWeek + 1)) {
            income = Math.addExact(income, week.incomeCents());
        }
        return new Year(
                year,
                firstWeek,
                lastWeek,
                end.totalValueCents(),
                income,
                end.openForkGroups(),
                end.forksToDate() - start.forksToDate(),
                end.mergesToDate() - start.mergesToDate(),
                end.openAccounts());
    }
}
