package com.alluse.streams.processors.metrics;

import com.alluse.streams.avro.AccountType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assets under management by account type, summed over the account-state partitions this
 * instance holds. Each partition's totals are rebuilt from its store when its task starts, so
 * summing the gauge over all instances gives the whole book.
 */
public final class AumTracker {
    private final Map<Integer, long[]> centsByPartition = new ConcurrentHashMap<>();

    public AumTracker(MeterRegistry registry) {
        for (AccountType type : AccountType.values()) {
            Gauge.builder("alluse.aum.cents", this, tracker -> tracker.totalCents(type))
                    .tag("type", type.name())
                    .description("Sum of account balances by type, in cents, for the partitions this instance holds")
                    .register(registry);
        }
    }

    void reset(int partition) {
        centsByPartition.put(partition, new long[AccountType.values().length]);
    }

    void add(int partition, AccountType type, long deltaCents) {
        long[] totals = centsByPartition.computeIfAbsent(partition, p -> new long[AccountType.values().length]);
        synchronized (totals) {
            totals[type.ordinal()] += deltaCents;
        }
    }

    void forget(int partition) {
        centsByPartition.remove(partition);
    }

    public double totalCents(AccountType type) {
        long sum = 0;
        for (long[] totals : centsByPartition.values()) {
            synchronized (totals) {
                sum += totals[type.ordinal()];
            }
        }
        return sum;
    }
}
