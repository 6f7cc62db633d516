package com.alluse.streams.connect.avro;

import com.alluse.streams.serde.SpecificAvroDeserializer;
import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Reads the pipeline's Confluent-framed Avro into Connect data for sink connectors: the project's
 * own deserializer and registry client (settings under Confluent's names: {@code
 * schema.registry.url}, {@code basic.auth.user.info}, ...) decode the record into its generated
 * class, and Apicurio's {@link AvroData} converts it. Longs stay int64 (money in cents), unions
 * become Connect structs with one field per member, enums strings.
 *
 * <p>It only reads: writing Connect data as Avro is refused, since sinks never need it (a
 * dead-letter queue receives the original bytes).
 */
public final class AllUseAvroConverter implements Converter {
    /** Bound of AvroData's schema cache (Avro schema to Connect schema). */
    public static final String SCHEMAS_CACHE_SIZE = AvroDataConfig.SCHEMAS_CACHE_SIZE_CONFIG;

    private static final int DEFAULT_SCHEMAS_CACHE_SIZE = 1_000;

    private final SpecificAvroDeserializer<SpecificRecord> deserializer = new SpecificAvroDeserializer<>();
    private AvroData avroData;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        deserializer.configure(configs, isKey);
        Map<String, Object> avroDataConfig = new HashMap<>();
        Object cacheSize = configs.get(SCHEMAS_CACHE_SIZE);
        avroDataConfig.put(SCHEMAS_CACHE_SIZE, cacheSize == null ? DEFAULT_SCHEMAS_CACHE_SIZE : cacheSize);
        avroData = new AvroData(new AvroDataConfig(avroDataConfig));
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL; // a tombstone stays a tombstone
        }
        SpecificRecord record;
        try {
            record = deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            // DataException is what Connect's errors.tolerance and dead-letter queue handle.
            throw new DataException("cannot read Avro on topic '" + topic + "': " + e.getMessage(), e);
        }
        return avroData.toConnectData(record.getSchema(), record);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        throw new DataException("AllUseAvroConverter only reads (for sink connectors); topic '" + topic + "'");
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(
                        "schema.registry.url",
                        ConfigDef.Type.STRING,
                        ConfigDef.Importance.HIGH,
                        "Schema registry (Confluent REST API) base URL(s), or mock://<scope>.")
                .define(
                        SCHEMAS_CACHE_SIZE,
                        ConfigDef.Type.INT,
                        DEFAULT_SCHEMAS_CACHE_SIZE,
                        ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.LOW,
                        "Bound of the Avro-to-Connect schema cache.");
    }

    @Override
    public void close() {
        deserializer.close();
    }
}
