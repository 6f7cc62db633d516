package com.alluse.streams.domain;

import java.util.ArrayList;
import java.util.List;

/** Forks (docs/rules.md section 4) and merges (section 5), run after every balance change. */
final class Growth {
    private final RulesConfig rules;

    Growth(RulesConfig rules) {
        this.rules = rules;
    }

    /**
     * Settles an account whose balance or status just changed: an ACTIVE Gen-Acc with enough
     * surplus forks, then the fork groups concerned merge if they reached the threshold.
     */
    void settle(Transaction tx, Account changed) {
        List<String> groupsToCheck = new ArrayList<>(2);
        if (changed.identity().forkId() != null) {
            groupsToCheck.add(changed.identity().forkId());
        }
        if (isDueToFork(tx.portfolio(), changed)) {
            groupsToCheck.add(fork(tx, changed));
        }
        for (String forkId : groupsToCheck) {
            mergeIfDue(tx, forkId);
        }
    }

    private static boolean isDueToFork(Portfolio portfolio, Account account) {
        return account.type().forks()
                && account.status() == AccountStatus.ACTIVE
                && account.surplusCents() >= portfolio.forkThresholdCents();
    }

    private String fork(Transaction tx, Account parent) {
        long surplus = parent.surplusCents();
        long generationCents = surplus - surplus / 2;
        long compoundingCents = surplus / 2;
        String forkId = tx.portfolio().nextForkId();
        tx.portfolioChanged();
        tx.post(parent, EntryType.FORK_OUT, -surplus, forkId, null);
        Account generation = openChild(tx, parent, forkId, AccountType.GENERATION, generationCents);
        Account compounding = openChild(tx, parent, forkId, AccountType.COMPOUNDING, compoundingCents);
        tx.raise(new DomainEvent.ForkCompleted(
                forkId,
                parent.accountId(),
                surplus,
                generation.accountId(),
                generationCents,
                compounding.accountId(),
                compoundingCents));
        return forkId;
    }

    private Account openChild(Transaction tx, Account parent, String forkId, AccountType type, long amountCents) {
        AccountIdentity identity = new AccountIdentity(
                AccountIds.forkChild(forkId, type),
                parent.portfolioId(),
                type,
                false,
                parent.accountId(),
                forkId,
                amountCents,
                tx.cause().eventTimeMs());
        Account child = Account.unfunded(identity, rules.defaultCashBufferBps(), tx.cause());
        tx.post(child, EntryType.FORK_IN, amountCents, forkId, null);
        tx.checkBufferBreach(child);
        return child;
    }

    private void mergeIfDue(Transaction tx, String forkId) {
        Account generation = tx.requireAccount(AccountIds.forkChild(forkId, AccountType.GENERATION));
        Account compounding = tx.requireAccount(AccountIds.forkChild(forkId, AccountType.COMPOUNDING));
        long generationCents = generation.isClosed() ? 0 : generation.balanceCents();
        long compoundingCents = compounding.isClosed() ? 0 : compounding.balanceCents();
        if (generation.isClosed() && compounding.isClosed()) {
            return;
        }
        long combined = Math.addExact(generationCents, compoundingCents);
        if (combined < tx.portfolio().mergeThresholdCents()) {
            return;
        }
        String mergeId = tx.portfolio().nextMergeId();
        tx.portfolioChanged();
        closeMerged(tx, generation, mergeId);
        closeMerged(tx, compounding, mergeId);
        Account target = tx.requireAccount(AccountIds.main(tx.portfolio().portfolioId(), AccountType.COMPOUNDING));
        tx.post(target, EntryType.MERGE_IN, combined, forkId, mergeId);
        tx.checkBufferBreach(target);
        tx.raise(new DomainEvent.MergeCompleted(
                mergeId,
                forkId,
                generation.accountId(),
                generationCents,
                compounding.accountId(),
                compoundingCents,
                target.accountId(),
                combined));
    }

    private static void closeMerged(Transaction tx, Account account, String mergeId) {
        if (account.isClosed()) {
            return;
        }
        AccountStatus before = account.status();
        tx.post(
                account,
                EntryType.MERGE_OUT,
                -account.balanceCents(),
                account.identity().forkId(),
                mergeId);
        account.changeStatus(AccountStatus.CLOSED, CloseReason.MERGED, tx.cause());
        account.updateBufferBreach();
        tx.raise(new DomainEvent.AccountStatusChanged(account.accountId(), before, AccountStatus.CLOSED, "MERGED"));
    }
}
