package com.alluse.streams.processors;

/** State stores of the ledger topology; all persistent (RocksDB) and changelogged. */
public final class StoreNames {
    /** Portfolio id -> PortfolioState. */
    public static final String PORTFOLIOS = "portfolios";
    /** Account id -> AccountState. */
    public static final String ACCOUNTS = "accounts";
    /** "<portfolio id>/<command id>" (or "calendar/<event id>") -> CommandReceipt, windowed for bounded retention. */
    public static final String RECEIPTS = "command-receipts";

    private StoreNames() {}
}
