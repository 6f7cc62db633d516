package com.alluse.streams.domain;

import java.util.regex.Pattern;

/**
 * Deterministic ids, so a replay of the same commands creates the same accounts:
 * {@code P}, {@code P:GEN|REV|COM}, fork n {@code P:F<n>} with children {@code P:F<n>:GEN|COM},
 * merge n {@code P:M<n>}. The portfolio id is the prefix up to the first ':'.
 */
public final class AccountIds {
    public static final int MAX_PORTFOLIO_ID_LENGTH = 64;
    public static final int MAX_COMMAND_ID_LENGTH = 128;
    /**
     * Idempotency receipts are keyed {@code <portfolio>/<command id>} beside the calendar's
     * {@code calendar/<event id>}: a portfolio of this name could make a command stand for a calendar
     * event (and suppress its close), so no portfolio may have it.
     */
    public static final String RESERVED_PORTFOLIO_ID = "calendar";
    /** What {@link #isValidPortfolioId} requires, in words for a rejection. */
    public static final String PORTFOLIO_ID_RULE =
            "portfolio id must match [A-Za-z0-9._-]{1,64} and not be '" + RESERVED_PORTFOLIO_ID + "'";

    private static final Pattern PORTFOLIO_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private AccountIds() {}

    public static boolean isValidPortfolioId(String portfolioId) {
        return portfolioId != null
                && PORTFOLIO_ID.matcher(portfolioId).matches()
                && !portfolioId.equals(RESERVED_PORTFOLIO_ID);
    }

    public static boolean isValidCommandId(String commandId) {
        return commandId != null && !commandId.isBlank() && commandId.length() <= MAX_COMMAND_ID_LENGTH;
    }

    public static String main(String portfolioId, AccountType type) {
        return portfolioId + ":" + type.idSuffix();
    }

    public static String fork(String portfolioId, int forkNumber) {
        return portfolioId + ":F" + forkNumber;
    }

    public static String forkChild(String forkId, AccountType type) {
        return forkId + ":" + type.idSuffix();
    }

    public static String merge(String portfolioId, int mergeNumber) {
        return portfolioId + ":M" + mergeNumber;
    }

    /** The portfolio an account id belongs to: the partitioning key of everything about it. */
    public static String portfolioOf(String accountId) {
        int colon = accountId.indexOf(':');
        return colon < 0 ? accountId : accountId.substring(0, colon);
    }
}
