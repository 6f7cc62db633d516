package com.alluse.streams.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The invariants of docs/rules.md section 3, checked against a portfolio, its accounts and their
 * ledgers: every account's entries are numbered 1..n without gaps and sum to its balance, and
 * the portfolio's balances sum to capital plus its net external flows.
 */
public final class Invariants {
    private Invariants() {}

    /** Returns a description of every violated invariant; empty when all hold. */
    public static List<String> violations(
            Portfolio portfolio, Map<String, Account> accounts, Map<String, List<LedgerEntry>> ledgers) {
        List<String> violations = new ArrayList<>();
        long totalCents = 0;
        for (String accountId : portfolio.accountIds()) {
            Account account = accounts.get(accountId);
            if (account == null) {
                violations.add(accountId + ": missing");
                continue;
            }
            totalCents = Math.addExact(totalCents, account.balanceCents());
            checkLedger(account, ledgers.getOrDefault(accountId, List.of()), violations);
        }
        if (totalCents != portfolio.expectedTotalCents()) {
            violations.add(portfolio.portfolioId() + ": balances sum to " + totalCents + " but capital and flows give "
                    + portfolio.expectedTotalCents());
        }
        return violations;
    }

    private static void checkLedger(Account account, List<LedgerEntry> entries, List<String> violations) {
        long sumCents = 0;
        long expectedSequence = 1;
        for (LedgerEntry entry : entries) {
            if (entry.sequence() != expectedSequence) {
                violations.add(account.accountId() + ": sequence " + entry.sequence() + " where " + expectedSequence
                        + " was due");
            }
            sumCents = Math.addExact(sumCents, entry.amountCents());
            if (entry.balanceAfterCents() != sumCents) {
                violations.add(account.accountId() + "#" + entry.sequence() + ": balance after "
                        + entry.balanceAfterCents() + " but entries sum to " + sumCents);
            }
            expectedSequence = entry.sequence() + 1;
        }
        if (sumCents != account.balanceCents()) {
            violations.add(
                    account.accountId() + ": ledger sums to " + sumCents + " but balance is " + account.balanceCents());
        }
        if (entries.size() != account.lastSequence()) {
            violations.add(account.accountId() + ": " + entries.size() + " entries but last sequence "
                    + account.lastSequence());
        }
        if (!entries.isEmpty() && entries.get(0).amountCents() != account.initialCents()) {
            violations.add(account.accountId() + ": first entry "
                    + entries.get(0).amountCents() + " is not the initial balance " + account.initialCents());
        }
    }
}
