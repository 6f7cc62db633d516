package com.alluse.streams.simulator;

import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the simulated broker believes each account holds, in cents. Market facts it knows from its own
 * executions, each once however often it delivered the report. Cash moved between accounts (opening funds,
 * deposits, withdrawals, forks, merges) it learns from the ledger's transfer entries, as a broker learns the
 * transfers it is instructed to make; it ignores the ledger's market-fact entries, so a fact the ledger booked
 * twice or missed shows up as a reconciliation mismatch.
 */
public final class BrokerBooks {
    private static final Set<LedgerEntryType> TRANSFERS = EnumSet.of(
            LedgerEntryType.OPENING,
            LedgerEntryType.DEPOSIT,
            LedgerEntryType.WITHDRAWAL,
            LedgerEntryType.FORK_OUT,
            LedgerEntryType.FORK_IN,
            LedgerEntryType.MERGE_OUT,
            LedgerEntryType.MERGE_IN);

    private final Map<String, Long> balances = new TreeMap<>();

    /** Books a transfer entry; market facts and reinvestments (amount 0) are not the broker's to learn. */
    public void transfer(LedgerEntry entry) {
        if (TRANSFERS.contains(entry.getEntryType())) {
            add(entry.getAccountId(), entry.getAmountCents());
        }
    }

    /** Books the first delivery of an execution. */
    public void execution(ExecutionReport report) {
        long signed = report.getKind() == ExecutionKind.PREMIUM ? report.getAmountCents() : -report.getAmountCents();
        add(report.getAccountId(), signed);
    }

    public long balanceCents(String accountId) {
        return balances.getOrDefault(accountId, 0L);
    }

    public Map<String, Long> balances() {
        return Collections.unmodifiableMap(balances);
    }

    private void add(String accountId, long amountCents) {
        balances.merge(accountId, amountCents, Math::addExact);
    }
}
