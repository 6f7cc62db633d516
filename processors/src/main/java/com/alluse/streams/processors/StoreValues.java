package com.alluse.streams.processors;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.AccountType;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.processors.internals.EnumMapper;
import com.alluse.streams.processors.internals.PortfolioStateMapper;
import com.alluse.streams.processors.internals.Receipts;

/**
 * Turns values read from the ledger's stores (interactive queries) into public types, so that
 * readers never depend on the internal store schemas: a store schema can change without changing
 * what an API shows.
 */
public final class StoreValues {
    private StoreValues() {}

    /** A value of {@link StoreNames#PORTFOLIOS}. */
    public static Portfolio portfolio(Object storeValue) {
        return PortfolioStateMapper.toDomain((PortfolioState) storeValue);
    }

    /** A value of {@link StoreNames#RECEIPTS}. */
    public static StoredReceipt receipt(Object storeValue) {
        CommandReceipt receipt = (CommandReceipt) storeValue;
        return new StoredReceipt(
                receipt.getCommandId(),
                receipt.getOutcome(),
                receipt.getReasonCode(),
                receipt.getCommandPartition(),
                receipt.getCommandOffset());
    }

    /** The domain type (and so the trading parameters) of a value of {@link StoreNames#ACCOUNTS}. */
    public static AccountType accountType(AccountState storeValue) {
        return EnumMapper.toDomain(storeValue.getAccountType());
    }

    /** What the strategy engine was last told about the account of a value of {@link StoreNames#ACCOUNTS}. */
    public static StrategyEvents.StrategyView strategyView(AccountState storeValue) {
        return StrategyEvents.StrategyView.of(storeValue);
    }

    /** The {@link StoreNames#RECEIPTS} key of a command. */
    public static String receiptKey(String portfolioId, String commandId) {
        return Receipts.commandKey(portfolioId, commandId);
    }
}
