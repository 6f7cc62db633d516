package com.alluse.streams.processors;

import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.AccountIdentity;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.LedgerEntry;
import java.util.ArrayList;
import java.util.List;

/** Copies of real changes with one thing wrong, as a bug in the rules would produce them. */
public final class BrokenChanges {
    private BrokenChanges() {}

    public static Account withBalance(Account account, long balanceCents) {
        return copy(account, account.identity(), balanceCents, account.lastSequence());
    }

    public static Account withLastSequence(Account account, long lastSequence) {
        return copy(account, account.identity(), account.balanceCents(), lastSequence);
    }

    public static Account withInitial(Account account, long initialCents) {
        AccountIdentity identity = account.identity();
        return copy(
                account,
                new AccountIdentity(
                        identity.accountId(),
                        identity.portfolioId(),
                        identity.type(),
                        identity.main(),
                        identity.parentAccountId(),
                        identity.forkId(),
                        initialCents,
                        identity.openedAtMs()),
                account.balanceCents(),
                account.lastSequence());
    }

    private static Account copy(Account account, AccountIdentity identity, long balanceCents, long lastSequence) {
        return new Account(
                identity,
                account.status(),
                account.closeReason(),
                account.principalCents(),
                balanceCents,
                account.cashBufferBps(),
                account.cashBufferCents(),
                lastSequence,
                account.bufferBreached(),
                account.performance(),
                account.reinvestment(),
                account.updatedAtMs(),
                account.lastCommandId());
    }

    public static LedgerEntry withSequence(LedgerEntry entry, long sequence) {
        return new LedgerEntry(
                LedgerEntry.entryId(entry.accountId(), sequence),
                entry.portfolioId(),
                entry.accountId(),
                sequence,
                entry.type(),
                entry.amountCents(),
                entry.balanceAfterCents(),
                entry.commandId(),
                entry.forkId(),
                entry.mergeId(),
                entry.reinvestment(),
                entry.eventTimeMs());
    }

    public static LedgerEntry withAmount(LedgerEntry entry, long amountCents, long balanceAfterCents) {
        return new LedgerEntry(
                entry.entryId(),
                entry.portfolioId(),
                entry.accountId(),
                entry.sequence(),
                entry.type(),
                amountCents,
                balanceAfterCents,
                entry.commandId(),
                entry.forkId(),
                entry.mergeId(),
                entry.reinvestment(),
                entry.eventTimeMs());
    }

    /** The changes with the account of the same id replaced. */
    public static Changes replace(Changes changes, Account account) {
        List<Account> accounts = new ArrayList<>(changes.accounts());
        accounts.replaceAll(existing -> existing.accountId().equals(account.accountId()) ? account : existing);
        return new Changes(changes.portfolio(), accounts, changes.entries(), changes.events());
    }

    /** The changes with the entry of the same account and position in its ledger replaced. */
    public static Changes replace(Changes changes, LedgerEntry original, LedgerEntry replacement) {
        List<LedgerEntry> entries = new ArrayList<>(changes.entries());
        entries.replaceAll(existing -> existing.equals(original) ? replacement : existing);
        return new Changes(changes.portfolio(), changes.accounts(), entries, changes.events());
    }

    public static Changes withoutAccount(Changes changes, String accountId) {
        List<Account> accounts = new ArrayList<>(changes.accounts());
        accounts.removeIf(account -> account.accountId().equals(accountId));
        return new Changes(changes.portfolio(), accounts, changes.entries(), changes.events());
    }

    public static Changes withoutPortfolio(Changes changes) {
        return new Changes(null, changes.accounts(), changes.entries(), changes.events());
    }

    public static Account account(Changes changes, String accountId) {
        return changes.accounts().stream()
                .filter(account -> account.accountId().equals(accountId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no change to " + accountId + " in " + changes.accounts()));
    }

    public static LedgerEntry entry(Changes changes, String accountId) {
        return changes.entries().stream()
                .filter(entry -> entry.accountId().equals(accountId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry of " + accountId + " in " + changes.entries()));
    }
}
