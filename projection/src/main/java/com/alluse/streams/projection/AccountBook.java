package com.alluse.streams.projection;

import com.alluse.streams.domain.Account;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latest state of every account as the ledger booked it, in the order the rules opened the
 * accounts (main accounts, then fork children by fork number), which makes the order of each
 * week's premiums deterministic.
 */
final class AccountBook {
    private final Map<String, Account> accounts = new LinkedHashMap<>();

    void apply(List<Account> updates) {
        for (Account update : updates) {
            accounts.put(update.accountId(), update);
        }
    }

    Account get(String accountId) {
        Account account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalStateException("the ledger booked no state for " + accountId);
        }
        return account;
    }

    /** Accounts not CLOSED (a SUSPENDED account still earns premiums), in opening order. */
    List<String> openAccountIds() {
        List<String> open = new ArrayList<>();
        for (Account account : accounts.values()) {
            if (!account.isClosed()) {
                open.add(account.accountId());
            }
        }
        return open;
    }

    /** The portfolio now; closed accounts hold zero, so summing every balance is the total value. */
    ProjectionResult.Week snapshot(int week, int forksToDate, int mergesToDate, long incomeCents) {
        long generation = 0;
        long revenue = 0;
        long compounding = 0;
        int openAccounts = 0;
        Set<String> openForkGroups = new HashSet<>();
        for (Account account : accounts.values()) {
            long balance = account.balanceCents();
            switch (account.type()) {
                case GENERATION -> generation = Math.addExact(generation, balance);
                case REVENUE -> revenue = Math.addExact(revenue, balance);
                case COMPOUNDING -> compounding = Math.addExact(compounding, balance);
            }
            if (!account.isClosed()) {
                openAccounts++;
                if (account.identity().forkId() != null) {
                    openForkGroups.add(account.identity().forkId());
                }
            }
        }
        long total = Math.addExact(Math.addExact(generation, revenue), compounding);
        return new ProjectionResult.Week(
                week,
                total,
                generation,
                revenue,
                compounding,
                openAccounts,
                openForkGroups.size(),
                forksToDate,
                mergesToDate,
                incomeCents);
    }
}
