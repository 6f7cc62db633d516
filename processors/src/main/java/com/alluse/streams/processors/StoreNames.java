package com.alluse.streams.processors;

/** State stores of the ledger topology; all persistent (RocksDB) and changelogged. */
public final class StoreNames {
    /** Portfolio id -> PortfolioState. */
    public static final String PORTFOLIOS = "portfolios";
    /** Account id -> AccountState. */
    public static final String ACCOUNTS = "accounts";
    /** "<account id>#<sequence, zero-padded to 19 digits>" -> LedgerEntry: range-scannable history per account. */
    public static final String LEDGER = "ledger";
    /** "<portfolio id>/<command id>" (or "calendar/<event id>") -> CommandReceipt, windowed for bounded retention. */
    public static final String RECEIPTS = "command-receipts";

    /**
     * Execution id -> "partition@offset fingerprint" of its first report, windowed like the receipts;
     * the store of {@link ExecutionReportProcessor}'s sub-topology, not of the ledger's.
     */
    public static final String EXECUTION_FINGERPRINTS = "execution-fingerprints";

    private StoreNames() {}

    /** The ledger store key: zero-padding keeps an account's entries in sequence order. */
    public static String ledgerKey(String accountId, long sequence) {
        return accountId + "#" + String.format("%019d", sequence);
    }
}
