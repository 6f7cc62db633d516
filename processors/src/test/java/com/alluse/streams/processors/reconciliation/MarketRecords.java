package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.AccountType;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** Ledger entries, strategy events, snapshots and in-memory stores for the reconciliation processors' unit tests. */
final class MarketRecords implements AutoCloseable {
    static final long T0_MS = 1_764_000_000_000L;

    private final String scope = "reconciliation-test-" + UUID.randomUUID();
    final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://" + scope);
    private final List<String> storeScopes = new ArrayList<>();

    <V extends SpecificRecord> Serde<V> avro() {
        return AvroSerdes.specific(serdeConfig, false);
    }

    static KeyValueStore<String, String> textStore(MockProcessorContext<?, ?> context, String name) {
        return add(
                context,
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String()));
    }

    /** With a registry scope of its own: the mock context names every store's changelog alike. */
    <V extends SpecificRecord> KeyValueStore<String, V> avroStore(MockProcessorContext<?, ?> context, String name) {
        String storeScope = scope + "-" + name;
        storeScopes.add(storeScope);
        Serde<V> values = AvroSerdes.specific(Map.of("schema.registry.url", "mock://" + storeScope), false);
        return add(context, Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values));
    }

    private static <V> KeyValueStore<String, V> add(
            MockProcessorContext<?, ?> context,
            org.apache.kafka.streams.state.StoreBuilder<KeyValueStore<String, V>> builder) {
        KeyValueStore<String, V> store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** Entry {@code sequence} of an account, booked at {@code eventTimeMs}, leaving {@code balanceAfterCents}. */
    static LedgerEntry entry(String accountId, long sequence, long eventTimeMs, long balanceAfterCents) {
        return LedgerEntry.newBuilder()
                .setEntryId(accountId + "#" + sequence)
                .setPortfolioId(accountId.substring(0, accountId.indexOf(':')))
                .setAccountId(accountId)
                .setSequence(sequence)
                .setEntryType(sequence == 1 ? LedgerEntryType.OPENING : LedgerEntryType.PREMIUM)
                .setAmountCents(0)
                .setBalanceAfterCents(balanceAfterCents)
                .setCommandId("c" + sequence)
                .setEventTimeMs(eventTimeMs)
                .build();
    }

    /** The strategy engine's closed event of an account. */
    static StrategyEvent closedEvent(String accountId, String causeId, String closeReason) {
        return StrategyEvent.newBuilder()
                .setEventId(causeId + "/" + accountId + "/ACCOUNT_CLOSED")
                .setAccountId(accountId)
                .setPortfolioId(accountId.substring(0, accountId.indexOf(':')))
                .setKind(StrategyEventKind.ACCOUNT_CLOSED)
                .setCauseId(causeId)
                .setEventTimeMs(T0_MS)
                .setAccountType(AccountType.GENERATION)
                .setStatus(AccountStatus.CLOSED)
                .setCloseReason(closeReason)
                .setTargetWeeklyReturnBps(150)
                .setDeltaMin(40)
                .setDeltaMax(50)
                .setEntryDays(List.of("THURSDAY"))
                .setPositionSizingBps(9_000)
                .setMaxDrawdownBps(1_000)
                .setBalanceCents(0)
                .setCashBufferCents(0)
                .setAvailableCents(0)
                .setDeployableCapitalCents(0)
                .setPerformanceIndexNanos(1_000_000_000L)
                .setHighWaterMarkNanos(1_000_000_000L)
                .build();
    }

    static BrokerSnapshot snapshot(
            String snapshotId, String accountId, long asOfMs, long cashCents, long positionsCents) {
        return BrokerSnapshot.newBuilder()
                .setSnapshotId(snapshotId)
                .setAccountId(accountId)
                .setCashCents(cashCents)
                .setPositionsValueCents(positionsCents)
                .setAsOfMs(asOfMs)
                .build();
    }

    @Override
    public void close() {
        InMemorySchemaRegistry.dropScope(scope);
        storeScopes.forEach(InMemorySchemaRegistry::dropScope);
    }
}
