package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.avro.UnreconciledReason;
import com.alluse.streams.domain.Money;
import com.alluse.streams.domain.ReconciliationTolerance;
import java.util.Optional;

/** Compares one snapshot with the balance history and builds its answer. */
final class Reconciler {
    private Reconciler() {}

    static ReconciliationResult reconcile(
            BrokerSnapshot snapshot,
            BalanceHistory history,
            ReconciliationTolerance tolerance,
            Long lastMatchedAsOfMs,
            long nowMs) {
        ReconciliationResult.Builder result = ReconciliationResult.newBuilder()
                .setResultId(snapshot.getAccountId() + "/" + snapshot.getSnapshotId())
                .setAccountId(snapshot.getAccountId())
                .setSnapshotId(snapshot.getSnapshotId())
                .setAsOfMs(snapshot.getAsOfMs())
                .setToleranceBps(tolerance.balanceBps())
                .setToleranceCents(tolerance.absoluteCents())
                .setLastMatchedAsOfMs(lastMatchedAsOfMs)
                .setReconciledAtMs(nowMs);
        Optional<String> problem = SnapshotChecks.problem(snapshot);
        if (problem.isPresent()) {
            return unreconciled(result.setBrokerTotalCents(0), UnreconciledReason.INVALID_SNAPSHOT, problem.get());
        }
        long brokerTotal = snapshot.getCashCents() + snapshot.getPositionsValueCents();
        result.setBrokerTotalCents(brokerTotal);
        BalanceHistory.AsOf asOf = history.asOf(snapshot.getAccountId(), snapshot.getAsOfMs());
        if (asOf instanceof BalanceHistory.AsOf.Known known) {
            return compare(result, known.balance(), brokerTotal, tolerance, snapshot);
        }
        if (asOf instanceof BalanceHistory.AsOf.NotOpenYet notOpen) {
            return unreconciled(
                    result,
                    UnreconciledReason.NOT_OPEN_AT_SNAPSHOT_TIME,
                    "the account's first balance is from " + notOpen.first().sinceMs() + " ms, after the snapshot");
        }
        if (asOf instanceof BalanceHistory.AsOf.BeforeHistory before) {
            return unreconciled(
                    result,
                    UnreconciledReason.SNAPSHOT_BEFORE_HISTORY,
                    "the kept balance history starts at sequence "
                            + before.oldest().sequence() + " ("
                            + before.oldest().sinceMs() + " ms), after the snapshot");
        }
        return unreconciled(
                result, UnreconciledReason.UNKNOWN_ACCOUNT, "the ledger has no account " + snapshot.getAccountId());
    }

    private static ReconciliationResult compare(
            ReconciliationResult.Builder result,
            BalanceHistory.Balance ledger,
            long brokerTotal,
            ReconciliationTolerance tolerance,
            BrokerSnapshot snapshot) {
        long allowed = tolerance.allowedCents(ledger.balanceCents());
        boolean matched = tolerance.matches(brokerTotal, ledger.balanceCents());
        result.setLedgerBalanceCents(ledger.balanceCents())
                .setLedgerSequence(ledger.sequence())
                .setDifferenceCents(difference(brokerTotal, ledger.balanceCents()))
                .setToleranceCents(allowed)
                .setStatus(matched ? ReconciliationStatus.MATCHED : ReconciliationStatus.MISMATCH);
        if (matched) {
            Long previous = result.getLastMatchedAsOfMs();
            result.setLastMatchedAsOfMs(
                    previous == null ? snapshot.getAsOfMs() : Math.max(previous, snapshot.getAsOfMs()));
        } else {
            result.setDetail("broker " + Money.toDecimalString(brokerTotal) + " vs ledger "
                    + Money.toDecimalString(ledger.balanceCents()) + ", more than " + Money.toDecimalString(allowed)
                    + " apart");
        }
        return result.build();
    }

    /** Both are at least 0 and the broker total fits a long, so only a negative balance can overflow. */
    private static Long difference(long brokerTotal, long ledgerBalance) {
        try {
            return Math.subtractExact(brokerTotal, ledgerBalance);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static ReconciliationResult unreconciled(
            ReconciliationResult.Builder result, UnreconciledReason reason, String detail) {
        return result.setStatus(ReconciliationStatus.UNRECONCILED)
                .setReason(reason)
                .setDetail(detail)
                .build();
    }
}
