package com.alluse.streams.projection;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The latest state of every account as the account-state topic published it, in the order the
 * topology opened the accounts (main accounts, then fork children by fork number), which makes
 * the order of each week's premiums deterministic.
 */
final class AccountBook {
    private final Map<String, AccountState> states = new LinkedHashMap<>();

    void apply(List<AccountState> updates) {
        for (AccountState update : updates) {
            states.put(update.getAccountId(), update);
        }
    }

    AccountState get(String accountId) {
        AccountState state = states.get(accountId);
        if (state == null) {
            throw new IllegalStateException("the topology published no state for " + accountId);
        }
        return state;
    }

    /** Accounts not CLOSED (a SUSPENDED account still earns premiums), in opening order. */
    List<String> openAccountIds() {
        List<String> open = new ArrayList<>();
        for (AccountState state : states.values()) {
            if (isOpen(state)) {
                open.add(state.getAccountId());
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
        for (AccountState state : states.values()) {
            long balance = state.getBalanceCents();
            switch (state.getAccountType()) {
                case GENERATION -> generation = Math.addExact(generation, balance);
                case REVENUE -> revenue = Math.addExact(revenue, balance);
                case COMPOUNDING -> compounding = Math.addExact(compounding, balance);
            }
            if (isOpen(state)) {
                openAccounts++;
                if (state.getForkId() != null) {
                    openForkGroups.add(state.getForkId());
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

    private static boolean isOpen(AccountState state) {
        return state.getStatus() != AccountStatus.CLOSED;
    }
}
