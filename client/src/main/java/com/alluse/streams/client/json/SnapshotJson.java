package com.alluse.streams.client.json;

import com.alluse.streams.avro.BrokerSnapshot;
import java.util.List;

/**
 * Turns one JSON line into a {@link BrokerSnapshot}, e.g.
 * {@code {"snapshotId":"s1","accountId":"P1:GEN","cash":"60000.00","positionsValue":"40000.00","asOf":"2026-11-27T21:00:00Z"}}.
 * Money as decimal strings or integer cents ({@code cashCents}), the time as ISO-8601 or
 * {@code asOfMs}; {@code source} is optional. Like {@link CommandJson} it rejects only what
 * cannot be represented: the pipeline answers the rest (negative values, unknown accounts).
 */
public final class SnapshotJson {
    private static final String SNAPSHOT_ID = "snapshotId";
    private static final String ACCOUNT_ID = "accountId";
    private static final String CASH = "cash";
    private static final String POSITIONS_VALUE = "positionsValue";
    private static final String AS_OF = "asOf";
    private static final String SOURCE = "source";
    private static final List<String> FIELDS = List.of(
            SNAPSHOT_ID,
            ACCOUNT_ID,
            CASH,
            CASH + JsonFields.CENTS_SUFFIX,
            POSITIONS_VALUE,
            POSITIONS_VALUE + JsonFields.CENTS_SUFFIX,
            AS_OF,
            AS_OF + "Ms",
            SOURCE);

    public BrokerSnapshot parse(String line) throws InvalidCommandJsonException {
        JsonFields fields = JsonFields.parse(line);
        fields.rejectOthers(FIELDS, "a broker snapshot");
        Long asOfMs = fields.optionalInstantMs(AS_OF);
        if (asOfMs == null) {
            throw new InvalidCommandJsonException("missing \"" + AS_OF + "\" (ISO-8601) or \"" + AS_OF + "Ms\"");
        }
        return BrokerSnapshot.newBuilder()
                .setSnapshotId(fields.requiredString(SNAPSHOT_ID))
                .setAccountId(fields.requiredString(ACCOUNT_ID))
                .setCashCents(fields.requiredMoney(CASH))
                .setPositionsValueCents(fields.requiredMoney(POSITIONS_VALUE))
                .setAsOfMs(asOfMs)
                .setSource(fields.optionalString(SOURCE))
                .build();
    }
}
