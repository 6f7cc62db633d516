package com.alluse.streams.processors.internals;

import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.AccountLookup;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.EntryType;
import com.alluse.streams.domain.LedgerEntry;
import com.alluse.streams.domain.Portfolio;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The invariants of DOMAIN.md section 3 in the form the write path can check: one step's
 * {@link Changes} against the stored state they replace, before anything is written. The
 * domain's {@code Invariants} checks a whole portfolio with every account's whole ledger, which
 * would cost a scan of the ledger per command; by induction (the stored state held them, every
 * step keeps them) these checks hold the same invariants:
 * <ul>
 *   <li>per changed account, the new entries continue its ledger without a gap (sequence =
 *       previous + 1, starting at 1), each carries the running balance, the account's last
 *       sequence is its last entry's, and its balance is the previous balance plus the sum of the
 *       new entries (initial + sum of entries == balance); a new account is funded by its first
 *       entry with its initial balance;</li>
 *   <li>money is conserved: the balances of the portfolio change by exactly the money the step
 *       moved across the portfolio's boundary (opening capital, deposits, withdrawals, premiums,
 *       losses, commissions: the entries of those types), so forks, merges and reinvestments only
 *       move money; and the portfolio's capital and flows ({@link Portfolio#expectedTotalCents()})
 *       change by that same amount, so the sum of balances keeps equal to them.</li>
 * </ul>
 */
public final class ChangeInvariants {
    private ChangeInvariants() {}

    /**
     * Describes every violated invariant; empty when all hold.
     *
     * @param before the portfolio as stored, or null if it does not exist yet
     * @param accountsBefore the accounts as stored (not as the step changed them)
     */
    public static List<String> violations(
            String portfolioId, Changes changes, Portfolio before, AccountLookup accountsBefore) {
        List<String> violations = new ArrayList<>();
        Map<String, List<LedgerEntry>> entriesByAccount = new LinkedHashMap<>();
        long externalCents = 0;
        for (LedgerEntry entry : changes.entries()) {
            entriesByAccount
                    .computeIfAbsent(entry.accountId(), id -> new ArrayList<>())
                    .add(entry);
            if (!portfolioId.equals(entry.portfolioId())) {
                violations.add(entry.entryId() + ": entry of portfolio " + entry.portfolioId() + " in a step of "
                        + portfolioId);
            }
            if (crossesPortfolioBoundary(entry.type())) {
                externalCents = Math.addExact(externalCents, entry.amountCents());
            }
        }
        Set<String> written = new HashSet<>();
        long balanceChangeCents = 0;
        for (Account account : changes.accounts()) {
            if (!written.add(account.accountId())) {
                violations.add(account.accountId() + ": written twice in one step");
                continue;
            }
            if (!portfolioId.equals(account.portfolioId())) {
                violations.add(account.accountId() + ": account of portfolio " + account.portfolioId()
                        + " in a step of " + portfolioId);
            }
            Optional<Account> previous = accountsBefore.find(account.accountId());
            long previousBalance = previous.map(Account::balanceCents).orElse(0L);
            checkAccount(account, previous, entriesByAccount.getOrDefault(account.accountId(), List.of()), violations);
            balanceChangeCents =
                    Math.addExact(balanceChangeCents, Math.subtractExact(account.balanceCents(), previousBalance));
        }
        for (String accountId : entriesByAccount.keySet()) {
            if (!written.contains(accountId)) {
                violations.add(accountId + ": ledger entries without the account's new state");
            }
        }
        if (balanceChangeCents != externalCents) {
            violations.add(portfolioId + ": balances change by " + balanceChangeCents
                    + " but the money moved in or out of the portfolio is " + externalCents);
        }
        checkPortfolio(portfolioId, changes, before, externalCents, violations);
        return violations;
    }

    /** Money that enters or leaves the portfolio; the other entry types move it between accounts. */
    static boolean crossesPortfolioBoundary(EntryType type) {
        return switch (type) {
            case OPENING, DEPOSIT, WITHDRAWAL, PREMIUM, LOSS, COMMISSION -> true;
            case FORK_OUT, FORK_IN, MERGE_OUT, MERGE_IN, REINVESTMENT -> false;
        };
    }

    private static void checkAccount(
            Account account, Optional<Account> previous, List<LedgerEntry> entries, List<String> violations) {
        String accountId = account.accountId();
        long previousSequence = previous.map(Account::lastSequence).orElse(0L);
        long runningBalance = previous.map(Account::balanceCents).orElse(0L);
        long expectedSequence = previousSequence + 1;
        for (LedgerEntry entry : entries) {
            if (entry.sequence() != expectedSequence) {
                violations.add(
                        accountId + ": sequence " + entry.sequence() + " where " + expectedSequence + " was due");
            }
            runningBalance = Math.addExact(runningBalance, entry.amountCents());
            if (entry.balanceAfterCents() != runningBalance) {
                violations.add(accountId + "#" + entry.sequence() + ": balance after " + entry.balanceAfterCents()
                        + " but the previous balance and entries give " + runningBalance);
            }
            expectedSequence = entry.sequence() + 1;
        }
        long lastSequence = entries.isEmpty()
                ? previousSequence
                : entries.get(entries.size() - 1).sequence();
        if (account.lastSequence() != lastSequence) {
            violations.add(accountId + ": last sequence " + account.lastSequence() + " but its ledger ends at "
                    + lastSequence);
        }
        if (account.balanceCents() != runningBalance) {
            violations.add(accountId + ": balance " + account.balanceCents()
                    + " but the previous balance and entries give " + runningBalance);
        }
        if (previous.isEmpty()) {
            if (entries.isEmpty()) {
                violations.add(accountId + ": new account without a funding entry");
            } else if (entries.get(0).amountCents() != account.initialCents()) {
                violations.add(accountId + ": first entry " + entries.get(0).amountCents()
                        + " is not the initial balance " + account.initialCents());
            }
        }
    }

    private static void checkPortfolio(
            String portfolioId, Changes changes, Portfolio before, long externalCents, List<String> violations) {
        Portfolio after = changes.portfolio() != null ? changes.portfolio() : before;
        if (after == null) {
            if (!changes.accounts().isEmpty() || !changes.entries().isEmpty()) {
                violations.add(portfolioId + ": changes to accounts of a portfolio that does not exist");
            }
            return;
        }
        if (!portfolioId.equals(after.portfolioId())) {
            violations.add(portfolioId + ": the step writes portfolio " + after.portfolioId());
            return;
        }
        long expectedBefore = before == null ? 0 : before.expectedTotalCents();
        long flowChangeCents = Math.subtractExact(after.expectedTotalCents(), expectedBefore);
        if (flowChangeCents != externalCents) {
            violations.add(portfolioId + ": capital and flows change by " + flowChangeCents
                    + " but the money moved in or out of the portfolio is " + externalCents);
        }
    }
}
