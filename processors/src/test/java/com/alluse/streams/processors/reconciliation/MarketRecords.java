package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.AccountType;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.CloseReason;
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

/** Account states, snapshots and in-memory stores for the reconciliation processors' unit tests. */
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

    /** An active account at ledger sequence {@code sequence}, changed at {@code changedAtMs}. */
    static AccountState state(String accountId, long sequence, long changedAtMs, long balanceCents) {
        return AccountState.newBuilder()
                .setAccountId(accountId)
                .setPortfolioId(accountId.substring(0, accountId.indexOf(':')))
                .setAccountType(AccountType.GENERATION)
                .setStatus(AccountStatus.ACTIVE)
                .setMain(true)
                .setInitialCents(balanceCents)
                .setPrincipalCents(balanceCents)
                .setBalanceCents(balanceCents)
                .setCashBufferBps(500)
                .setCashBufferCents(0)
                .setAvailableCents(balanceCents)
                .setLastSequence(sequence)
                .setWeekStartBalanceCents(balanceCents)
                .setWeekNetEarningsCents(0)
                .setPerformanceIndexNanos(1_000_000_000L)
                .setHighWaterMarkNanos(1_000_000_000L)
                .setEarningsSinceReinvestmentCents(0)
                .setOpenedAtMs(T0_MS)
                .setUpdatedAtMs(changedAtMs)
                .setLastCommandId("c" + sequence)
                .build();
    }

    static AccountState closed(AccountState state, String commandId, CloseReason reason) {
        return AccountState.newBuilder(state)
                .setStatus(AccountStatus.CLOSED)
                .setCloseReason(reason)
                .setBalanceCents(0)
                .setAvailableCents(0)
                .setLastCommandId(commandId)
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
