package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.domain.AccountIds;
import java.util.Optional;

/** What makes a broker snapshot unusable: ids that cannot key an answer, and values that cannot be true. */
final class SnapshotChecks {
    static final int MAX_SNAPSHOT_ID_LENGTH = 128;
    static final int MAX_ACCOUNT_ID_LENGTH = 128;

    private SnapshotChecks() {}

    /**
     * Why no result can be keyed by this snapshot (it is dead-lettered instead): a key other than
     * its account id, an account id that no ledger account can have, a blank or oversized snapshot id.
     */
    static Optional<String> identityProblem(String key, BrokerSnapshot snapshot) {
        String accountId = snapshot.getAccountId();
        if (accountId.length() > MAX_ACCOUNT_ID_LENGTH
                || !accountId.contains(":")
                || !AccountIds.isValidPortfolioId(AccountIds.portfolioOf(accountId))) {
            return Optional.of("accountId is not a ledger account id (<portfolio>:<suffix>, at most "
                    + MAX_ACCOUNT_ID_LENGTH + " characters): " + abbreviate(accountId));
        }
        if (!accountId.equals(key)) {
            return Optional.of(
                    "the record key " + abbreviate(String.valueOf(key)) + " is not the accountId " + accountId);
        }
        String snapshotId = snapshot.getSnapshotId();
        if (snapshotId.isBlank() || snapshotId.length() > MAX_SNAPSHOT_ID_LENGTH) {
            return Optional.of(
                    "snapshotId must have 1.." + MAX_SNAPSHOT_ID_LENGTH + " characters, got " + snapshotId.length());
        }
        return Optional.empty();
    }

    /** Why the numbers of a well-identified snapshot cannot be compared (answered UNRECONCILED INVALID_SNAPSHOT). */
    static Optional<String> problem(BrokerSnapshot snapshot) {
        if (snapshot.getCashCents() < 0) {
            return Optional.of("cashCents is negative: " + snapshot.getCashCents());
        }
        if (snapshot.getPositionsValueCents() < 0) {
            return Optional.of("positionsValueCents is negative: " + snapshot.getPositionsValueCents());
        }
        if (snapshot.getCashCents() > Long.MAX_VALUE - snapshot.getPositionsValueCents()) {
            return Optional.of("cashCents + positionsValueCents overflows");
        }
        if (snapshot.getAsOfMs() < 0) {
            return Optional.of("asOfMs is negative: " + snapshot.getAsOfMs());
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_ACCOUNT_ID_LENGTH ? text : text.substring(0, MAX_ACCOUNT_ID_LENGTH) + "...";
    }
}
