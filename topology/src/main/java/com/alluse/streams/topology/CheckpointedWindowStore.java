package com.alluse.streams.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * A persistent (RocksDB) window store whose changelog offset Kafka Streams keeps in the task's checkpoint file
 * instead of inside the store.
 *
 * <p>Why: in Kafka Streams 4.3.1 a segmented store keeps its committed offset in its segments, so a window store
 * with no segment (nothing written yet, or nothing written for longer than its retention) has none. Under
 * exactly-once Kafka Streams then finds the store "not empty without a checkpoint" every time the task is opened
 * (an empty store directory is enough), declares the task corrupted and closes it dirty, which aborts the stream
 * thread's transaction; during a rebalance the thread's healthy tasks are not committed first and their results
 * were lost (docs/reliability.md, "Results lost after a restart"). A store that says it does not manage its
 * offsets gets the checkpoint file, which records an empty store's offset as unknown and trusts it.
 *
 * <p>It says so by not overriding {@link StateStore#managesOffsets()} (false) and {@link
 * StateStore#committedOffset}. Everything else is the RocksDB window store's: same files, same changelog records,
 * same queries.
 */
final class CheckpointedWindowStore implements WindowStore<Bytes, byte[]> {
    private final WindowStore<Bytes, byte[]> rocksDb;

    private CheckpointedWindowStore(WindowStore<Bytes, byte[]> rocksDb) {
        this.rocksDb = rocksDb;
    }

    /** {@link Stores#persistentWindowStore(String, Duration, Duration, boolean)}, its offset in the checkpoint file. */
    static WindowBytesStoreSupplier persistent(
            String name, Duration retention, Duration windowSize, boolean retainDuplicates) {
        WindowBytesStoreSupplier rocksDb = Stores.persistentWindowStore(name, retention, windowSize, retainDuplicates);
        return new WindowBytesStoreSupplier() {
            @Override
            public String name() {
                return rocksDb.name();
            }

            @Override
            public WindowStore<Bytes, byte[]> get() {
                return new CheckpointedWindowStore(rocksDb.get());
            }

            @Override
            public String metricsScope() {
                return rocksDb.metricsScope();
            }

            @Override
            public long segmentIntervalMs() {
                return rocksDb.segmentIntervalMs();
            }

            @Override
            public long windowSize() {
                return rocksDb.windowSize();
            }

            @Override
            public boolean retainDuplicates() {
                return rocksDb.retainDuplicates();
            }

            @Override
            public long retentionPeriod() {
                return rocksDb.retentionPeriod();
            }
        };
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        rocksDb.commit(changelogOffsets);
    }

    @Override
    public String name() {
        return rocksDb.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        rocksDb.init(context, root);
    }

    @Override
    public void close() {
        rocksDb.close();
    }

    @Override
    public boolean persistent() {
        return rocksDb.persistent();
    }

    @Override
    public boolean isOpen() {
        return rocksDb.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return rocksDb.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return rocksDb.getPosition();
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        rocksDb.put(key, value, windowStartTimestamp);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        return rocksDb.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return rocksDb.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, Instant timeFrom, Instant timeTo) {
        return rocksDb.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return rocksDb.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return rocksDb.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(
            Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return rocksDb.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(
            Bytes keyFrom, Bytes keyTo, Instant timeFrom, Instant timeTo) {
        return rocksDb.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return rocksDb.all();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return rocksDb.backwardAll();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return rocksDb.fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(Instant timeFrom, Instant timeTo) {
        return rocksDb.fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return rocksDb.backwardFetchAll(timeFrom, timeTo);
    }
}
