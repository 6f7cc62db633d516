package com.alluse.streams.client;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name with the serdes of its keys and values: they travel together, so that no
 * producer, consumer or topology can pair a topic with the wrong serde.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }
}
