package com.alluse.streams.client;

import com.alluse.streams.avro.BrokerSnapshot;

/** Builds the broker snapshots the market integration produces to {@code alluse.broker-snapshots}. */
public final class BrokerSnapshots {
    private BrokerSnapshots() {}

    public static BrokerSnapshot snapshot(
            String snapshotId, String accountId, long asOfMs, long cashCents, long positionsValueCents) {
        return BrokerSnapshot.newBuilder()
                .setSnapshotId(snapshotId)
                .setAccountId(accountId)
                .setCashCents(cashCents)
                .setPositionsValueCents(positionsValueCents)
                .setAsOfMs(asOfMs)
                .build();
    }
}
