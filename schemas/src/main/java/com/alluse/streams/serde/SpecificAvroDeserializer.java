package com.alluse.streams.serde;

import com.alluse.streams.serde.internals.AvroRecordDecoder;
import com.alluse.streams.serde.internals.WireFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into the generated class of the writer schema's full name, resolving
 * older compatible versions into the current class. Null stays null. Malformed input (wrong magic
 * byte, too short, unknown schema id, undecodable body) raises {@link SerializationException}.
 *
 * <p>Give the class to the constructor to refuse records of any other type; without it any
 * generated class is returned, unchecked, as {@code T}.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> expectedType;
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private AvroRecordDecoder decoder;

    public SpecificAvroDeserializer() {
        this(null);
    }

    /** @param expectedType the generated class to read; records of another type are refused */
    public SpecificAvroDeserializer(Class<T> expectedType) {
        this.expectedType = expectedType;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryConfig parsed = SchemaRegistryConfig.fromMap(configs);
        configure(parsed, SchemaRegistryClients.create(parsed), true);
    }

    /** Configures with a client shared with a serializer (see {@link SpecificAvroSerde}). */
    void configure(SchemaRegistryConfig config, SchemaRegistryClient registry, boolean ownsRegistry) {
        close();
        this.registry = registry;
        this.ownsRegistry = ownsRegistry;
        this.decoder = new AvroRecordDecoder(expectedType, config.cacheCapacity());
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("SpecificAvroDeserializer.configure(...) was not called");
        }
        int schemaId = WireFormat.schemaId(topic, data);
        Schema writerSchema;
        try {
            writerSchema = registry.getSchemaById(schemaId);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException(
                    "Unknown schema id " + schemaId + " in record on topic '" + topic
                            + "': the registry has no such schema (" + e.getMessage() + ")",
                    e);
        } catch (InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException(
                    "Cannot fetch schema " + schemaId + " for a record on topic '" + topic + "': " + e.getMessage(), e);
        }
        return (T) decoder.decode(topic, schemaId, writerSchema, data);
    }

    @Override
    public void close() {
        if (ownsRegistry && registry != null) {
            registry.close();
        }
        registry = null;
    }
}
