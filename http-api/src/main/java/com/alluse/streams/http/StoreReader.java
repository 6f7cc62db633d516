package com.alluse.streams.http;

import com.alluse.streams.processors.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this instance's copy of one partition's stores with interactive queries v2. A read may
 * carry a consistency token: it is then answered only once the store has processed that
 * position, waiting a bounded time, else 503.
 */
final class StoreReader {
    private static final Logger LOG = LoggerFactory.getLogger(StoreReader.class);
    private static final long RETRY_PAUSE_MS = 20;

    private final KafkaStreams streams;
    private final String commandsTopic;
    private final long consistencyWaitMs;

    StoreReader(KafkaStreams streams, String commandsTopic, long consistencyWaitMs) {
        this.streams = streams;
        this.commandsTopic = commandsTopic;
        this.consistencyWaitMs = consistencyWaitMs;
    }

    /** How a read may be served: from a standby or only the active copy, and from which position on. */
    record Read(int partition, boolean allowStandby, ConsistencyToken token) {}

    <V> Optional<V> get(String store, String key, Read read) {
        return Optional.ofNullable(run(store, KeyQuery.<String, V>withKey(key), read));
    }

    /** At most {@code limit} entries of [from, to] in key order. */
    <V> List<V> range(String store, String from, String to, int limit, Read read) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> found = run(store, RangeQuery.<String, V>withRange(from, to), read)) {
            while (found.hasNext() && values.size() < limit) {
                KeyValue<String, V> next = found.next();
                values.add(next.value);
            }
        }
        return values;
    }

    <V> Optional<V> firstInWindow(String store, String key, Instant from, Instant to, Read read) {
        try (WindowStoreIterator<V> found =
                run(store, WindowKeyQuery.<String, V>withKeyAndWindowStartRange(key, from, to), read)) {
            return found.hasNext() ? Optional.ofNullable(found.next().value) : Optional.empty();
        }
    }

    private <R> R run(String store, Query<R> query, Read read) {
        StateQueryRequest<R> request =
                StateQueryRequest.inStore(store).withQuery(query).withPartitions(Set.of(read.partition()));
        boolean bounded = read.token() != null && read.token().partition() == read.partition();
        long deadlineNs = System.nanoTime() + consistencyWaitMs * 1_000_000;
        if (!read.allowStandby()) {
            // Kafka Streams ignores the position bound of a requireActive() query: check the position here instead.
            if (bounded) {
                awaitActivePosition(read, deadlineNs);
            }
            request = request.requireActive().withPositionBound(PositionBound.unbounded());
        } else if (bounded) {
            request = request.withPositionBound(read.token().bound(commandsTopic));
        } else {
            request = request.withPositionBound(PositionBound.unbounded());
        }
        while (true) {
            QueryResult<R> result = partitionResult(streams.query(request), read.partition());
            if (result.isSuccess()) {
                return result.getResult();
            }
            if (result.getFailureReason() != FailureReason.NOT_UP_TO_BOUND || System.nanoTime() > deadlineNs) {
                throw failure(result, read);
            }
            pause();
        }
    }

    /**
     * Waits, bounded, until the active copy has processed the token's command. The position is read
     * from the receipts store: every accepted command writes its receipt there, after its other
     * changes, whereas e.g. a suspension writes no ledger entry, so the queried store's own position
     * could stay behind the token for good.
     */
    private void awaitActivePosition(Read read, long deadlineNs) {
        StateQueryRequest<WindowStoreIterator<Object>> probe = StateQueryRequest.inStore(StoreNames.RECEIPTS)
                .withQuery(WindowKeyQuery.<String, Object>withKeyAndWindowStartRange("", Instant.EPOCH, Instant.EPOCH))
                .withPartitions(Set.of(read.partition()))
                .requireActive();
        while (true) {
            QueryResult<WindowStoreIterator<Object>> result = partitionResult(streams.query(probe), read.partition());
            if (!result.isSuccess()) {
                throw failure(result, read);
            }
            result.getResult().close();
            if (reached(result.getPosition(), read.token())) {
                return;
            }
            if (System.nanoTime() > deadlineNs) {
                throw notReached(read);
            }
            pause();
        }
    }

    private boolean reached(Position position, ConsistencyToken token) {
        if (position == null) {
            return false;
        }
        Long processed = position.getPartitionPositions(commandsTopic).get(token.partition());
        return processed != null && processed >= token.offset();
    }

    private static <R> QueryResult<R> partitionResult(StateQueryResult<R> results, int partition) {
        QueryResult<R> result = results.getPartitionResults().get(partition);
        if (result == null) {
            throw ApiProblem.unavailable("partition " + partition + " is not hosted here right now (rebalancing)");
        }
        return result;
    }

    private ApiProblem failure(QueryResult<?> result, Read read) {
        FailureReason reason = result.getFailureReason();
        if (reason == FailureReason.NOT_UP_TO_BOUND) {
            return notReached(read);
        }
        if (reason == FailureReason.NOT_ACTIVE || reason == FailureReason.NOT_PRESENT) {
            return ApiProblem.unavailable("partition " + read.partition() + " is moving between instances");
        }
        LOG.warn("State query on partition {} failed: {} {}", read.partition(), reason, result.getFailureMessage());
        return new ApiProblem(500, "Internal Server Error", "the state query failed", null);
    }

    private ApiProblem notReached(Read read) {
        return ApiProblem.unavailable(
                "the state has not reached consistency token " + read.token() + " within " + consistencyWaitMs + " ms");
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("interrupted while waiting for the consistency position");
        }
    }
}
