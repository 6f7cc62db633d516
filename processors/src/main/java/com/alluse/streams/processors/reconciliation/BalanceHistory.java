package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.processors.StoreNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The last {@code limit} balances of each account, one per ledger entry, in a store of the
 * reconciliation processor: {@code "<accountId>#<sequence, 19 digits>" -> "<eventTimeMs> <balanceAfterCents>"}.
 * Only entries change a balance, so the balance at an instant is that after the account's last
 * entry at or before it, as the HTTP API's balance query answers it from the full ledger.
 */
final class BalanceHistory {
    private static final char SEPARATOR = '#';
    private static final long FIRST_SEQUENCE = 1;

    private final KeyValueStore<String, String> store;
    private final int limit;

    BalanceHistory(KeyValueStore<String, String> store, int limit) {
        this.store = store;
        this.limit = limit;
    }

    /** The balance of an account from one time on. */
    record Balance(long sequence, long sinceMs, long balanceCents) {}

    /** What the history knows of an account at one instant. */
    sealed interface AsOf {
        /** The ledger balance at that instant. */
        record Known(Balance balance) implements AsOf {}

        /** No entry of this account was ever recorded. */
        record UnknownAccount() implements AsOf {}

        /** The account's first entry (its opening) came later: it was not open then. */
        record NotOpenYet(Balance first) implements AsOf {}

        /** The instant lies before the oldest kept entry, and older ones were dropped. */
        record BeforeHistory(Balance oldest) implements AsOf {}
    }

    /** Idempotent: an entry read again (a redelivery, a replay) writes the same key and value. */
    void record(LedgerEntry entry) {
        store.put(
                key(entry.getAccountId(), entry.getSequence()),
                entry.getEventTimeMs() + " " + entry.getBalanceAfterCents());
        long oldestKept = entry.getSequence() - limit + 1;
        if (oldestKept > FIRST_SEQUENCE) {
            dropBefore(entry.getAccountId(), oldestKept);
        }
    }

    /** The account's newest kept balance, if any. */
    Optional<Balance> latest(String accountId) {
        try (KeyValueIterator<String, String> newest =
                store.reverseRange(key(accountId, 0), key(accountId, Long.MAX_VALUE))) {
            return newest.hasNext() ? Optional.of(parse(newest.next())) : Optional.empty();
        }
    }

    /**
     * The balance in force at {@code asOfMs}: that of the newest change at or before it, in ledger
     * order (event times ascend per account, as the ledger's own balance query assumes).
     */
    AsOf asOf(String accountId, long asOfMs) {
        Balance oldest = null;
        try (KeyValueIterator<String, String> newestFirst =
                store.reverseRange(key(accountId, 0), key(accountId, Long.MAX_VALUE))) {
            while (newestFirst.hasNext()) {
                Balance balance = parse(newestFirst.next());
                if (balance.sinceMs() <= asOfMs) {
                    return new AsOf.Known(balance);
                }
                oldest = balance;
            }
        }
        if (oldest == null) {
            return new AsOf.UnknownAccount();
        }
        return oldest.sequence() <= FIRST_SEQUENCE ? new AsOf.NotOpenYet(oldest) : new AsOf.BeforeHistory(oldest);
    }

    private void dropBefore(String accountId, long oldestKeptSequence) {
        List<String> doomed = new ArrayList<>();
        try (KeyValueIterator<String, String> old =
                store.range(key(accountId, 0), key(accountId, oldestKeptSequence - 1))) {
            while (old.hasNext()) {
                doomed.add(old.next().key);
            }
        }
        doomed.forEach(store::delete);
    }

    /** The ledger store's key form: built by hand, as it is on the path of every ledger entry. */
    static String key(String accountId, long sequence) {
        return StoreNames.ledgerKey(accountId, sequence);
    }

    private static Balance parse(KeyValue<String, String> entry) {
        long sequence = Long.parseLong(entry.key.substring(entry.key.lastIndexOf(SEPARATOR) + 1));
        int space = entry.value.indexOf(' ');
        return new Balance(
                sequence,
                Long.parseLong(entry.value.substring(0, space)),
                Long.parseLong(entry.value.substring(space + 1)));
    }
}
