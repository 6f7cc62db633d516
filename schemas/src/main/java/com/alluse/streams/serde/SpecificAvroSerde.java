package com.alluse.streams.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SpecificAvroSerializer} and {@link SpecificAvroDeserializer} sharing one registry client
 * (and so its caches). Configure it before use, or get a configured one from {@link AvroSerdes}.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
    private final SpecificAvroDeserializer<T> deserializer;
    private SchemaRegistryClient registry;

    public SpecificAvroSerde() {
        this(null);
    }

    /** @param expectedType the generated class to read; records of another type are refused */
    public SpecificAvroSerde(Class<T> expectedType) {
        this.deserializer = new SpecificAvroDeserializer<>(expectedType);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryConfig config = SchemaRegistryConfig.fromMap(configs);
        close();
        registry = SchemaRegistryClients.create(config);
        serializer.configure(config, registry, isKey, false);
        deserializer.configure(config, registry, false);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }
}
