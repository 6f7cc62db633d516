package com.alluse.streams.processors;

/** State stores of the ledger topology; all changelogged, all persistent (RocksDB) but the pending calendar close. */
public final class StoreNames {
    /** Portfolio id -> PortfolioState. */
    public static final String PORTFOLIOS = "portfolios";
    /** Account id -> AccountState. */
    public static final String ACCOUNTS = "accounts";
    /** "<account id>#<sequence, zero-padded to 19 digits>" -> LedgerEntry: range-scannable history per account. */
    public static final String LEDGER = "ledger";
    /** "<portfolio id>/<command id>" (or "calendar/<event id>") -> CommandReceipt, windowed for bounded retention. */
    public static final String RECEIPTS = "command-receipts";
    /** "close" -> PendingCalendarClose: the calendar close the task is applying in slices, if any; in memory. */
    public static final String CALENDAR_PENDING = "calendar-pending";

    /** Digits of {@link Long#MAX_VALUE}: every sequence fits. */
    private static final int SEQUENCE_DIGITS = 19;

    /**
     * Execution id -> "partition@offset fingerprint" of its first report, windowed like the receipts;
     * the store of {@link ExecutionReportProcessor}'s sub-topology, not of the ledger's.
     */
    public static final String EXECUTION_FINGERPRINTS = "execution-fingerprints";

    private StoreNames() {}

    /**
     * The ledger store key: zero-padding keeps an account's entries in sequence order. Built by hand
     * because it is on the write path of every entry ({@code String.format} cost ~2% of the stream thread).
     */
    public static String ledgerKey(String accountId, long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("a ledger sequence is never negative, got " + sequence);
        }
        String digits = Long.toString(sequence);
        StringBuilder key = new StringBuilder(accountId.length() + 1 + SEQUENCE_DIGITS)
                .append(accountId)
                .append('#');
        for (int padding = SEQUENCE_DIGITS - digits.length(); padding > 0; padding--) {
            key.append('0');
        }
        return key.append(digits).toString();
    }
}
