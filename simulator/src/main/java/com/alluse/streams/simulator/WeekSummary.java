package com.alluse.streams.simulator;

import com.alluse.streams.domain.Money;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * One simulated week as the loop saw it.
 *
 * @param openAccounts accounts announced and not closed at the week's end
 * @param forks fork groups opened this week; {@code totalForks} since the start
 * @param merges fork groups merged this week; {@code totalMerges} since the start
 * @param aumCents the ledger balances the week's reconciliation results carry, summed: every open account's
 * @param executions reports of distinct executions sent this week; {@code redeliveries} sent again
 */
public record WeekSummary(
        int week,
        String weekId,
        int openAccounts,
        int forks,
        int totalForks,
        int merges,
        int totalMerges,
        long aumCents,
        int matched,
        int mismatched,
        int unreconciled,
        int executions,
        int redeliveries,
        int rejected) {

    /** These counts with the week's reconciliation figures. */
    public WeekSummary reconciled(long newAumCents, int newMatched, int newMismatched, int newUnreconciled) {
        return new WeekSummary(
                week,
                weekId,
                openAccounts,
                forks,
                totalForks,
                merges,
                totalMerges,
                newAumCents,
                newMatched,
                newMismatched,
                newUnreconciled,
                executions,
                redeliveries,
                rejected);
    }

    /** One line for a person watching the run. */
    public String line() {
        return String.format(
                Locale.ROOT,
                "week %3d %s: %5d open accounts, forks %+4d (%d), merges %+4d (%d), AUM %s,"
                        + " reconciliation %d matched / %d mismatch / %d unreconciled, %d executions (+%d redelivered)%s",
                week,
                weekId,
                openAccounts,
                forks,
                totalForks,
                merges,
                totalMerges,
                dollars(aumCents),
                matched,
                mismatched,
                unreconciled,
                executions,
                redeliveries,
                rejected == 0 ? "" : ", " + rejected + " REJECTED");
    }

    /** $1,234.56 from 123456 cents, exactly. */
    static String dollars(long cents) {
        DecimalFormat grouped = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return "$" + grouped.format(new java.math.BigDecimal(Money.toDecimalString(cents)));
    }
}
