package com.alluse.streams.http;

import com.alluse.streams.processors.StoreNames;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds which instance holds a key's partition, active and standby, from Streams metadata: a
 * portfolio's for the ledger's stores, an account's for the reconciliation store (partitioned
 * by account id, like the ledger topic it reads).
 */
final class KeyRouter {
    private static final Serializer<String> KEY_SERIALIZER = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;

    KeyRouter(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    Route route(String portfolioId) {
        return route(StoreNames.ACCOUNTS, portfolioId);
    }

    Route route(String store, String key) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, KEY_SERIALIZER);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.partition() < 0) {
            throw ApiProblem.unavailable("the owner of " + key + " is not known right now (rebalancing)");
        }
        return new Route(metadata.partition(), metadata.activeHost(), metadata.standbyHosts(), self);
    }

    record Route(int partition, HostInfo active, Set<HostInfo> standbys, HostInfo self) {
        boolean activeHere() {
            return self.equals(active);
        }

        boolean standbyHere() {
            return standbys.contains(self);
        }
    }
}
