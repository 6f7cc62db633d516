package com.alluse.streams.serde;

import com.alluse.streams.serde.internals.AvroRecordEncoder;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format (magic byte 0, 4-byte schema id, Avro
 * binary), registering or looking up the schema under {@code <topic>-key} / {@code <topic>-value}.
 * Null stays null (tombstones).
 *
 * <p>Configured with Confluent's names, see {@link SchemaRegistryConfig}. Which schema id is written:
 * <ul>
 *   <li>{@code auto.register.schemas=true} (default): the record's schema, registered if new;
 *   <li>else {@code use.latest.version=true}: the subject's latest version; a record of another
 *       (compatible) version is rewritten in it;
 *   <li>else: the record's schema, which must already be registered.
 * </ul>
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private SchemaRegistryConfig config;
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private boolean isKey;
    private AvroRecordEncoder encoder;

    public SpecificAvroSerializer() {}

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryConfig parsed = SchemaRegistryConfig.fromMap(configs);
        configure(parsed, SchemaRegistryClients.create(parsed), isKey, true);
    }

    /** Configures with a client shared with a deserializer (see {@link SpecificAvroSerde}). */
    void configure(SchemaRegistryConfig config, SchemaRegistryClient registry, boolean isKey, boolean ownsRegistry) {
        close();
        this.config = config;
        this.registry = registry;
        this.ownsRegistry = ownsRegistry;
        this.isKey = isKey;
        this.encoder = new AvroRecordEncoder(config.cacheCapacity());
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("SpecificAvroSerializer.configure(...) was not called");
        }
        String subject = SubjectNames.topicNameStrategy(topic, isKey);
        Schema schema = data.getSchema();
        try {
            if (config.autoRegisterSchemas()) {
                return encoder.encode(registry.register(subject, schema), schema, data);
            }
            if (config.useLatestVersion()) {
                return serializeWithLatest(subject, schema, data);
            }
            return encoder.encode(registry.getId(subject, schema), schema, data);
        } catch (SerializationException | InterruptException e) {
            throw e;
        } catch (IncompatibleSchemaException e) {
            throw new SerializationException(
                    "Cannot register the schema of " + schema.getFullName() + " under subject '" + subject + "': "
                            + e.getMessage(),
                    e);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException(
                    "Schema of " + schema.getFullName() + " is not registered under subject '" + subject
                            + "' and auto.register.schemas=false: " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            throw new SerializationException(
                    "Cannot serialize " + schema.getFullName() + " for topic '" + topic + "' (subject '" + subject
                            + "'): " + e,
                    e);
        }
    }

    private byte[] serializeWithLatest(String subject, Schema schema, T data) {
        RegisteredSchema latest = registry.getLatestVersion(subject);
        if (latest.schema().equals(schema)) {
            return encoder.encode(latest.id(), schema, data);
        }
        if (!latest.schema().getFullName().equals(schema.getFullName())) {
            throw new SerializationException("Latest version " + latest.version() + " of subject '" + subject + "' is "
                    + latest.schema().getFullName() + ", not " + schema.getFullName());
        }
        try {
            return encoder.encodeAs(latest.id(), schema, latest.schema(), data);
        } catch (org.apache.avro.AvroTypeException e) {
            throw new SerializationException(
                    "Latest version " + latest.version() + " (id " + latest.id()
                            + ") of subject '" + subject + "' cannot represent this " + schema.getFullName() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        if (ownsRegistry && registry != null) {
            registry.close();
        }
        registry = null;
    }
}
