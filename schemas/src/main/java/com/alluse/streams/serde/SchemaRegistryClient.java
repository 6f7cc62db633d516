package com.alluse.streams.serde;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serdes need. Implementations are thread-safe.
 *
 * <p>Obtain one with {@link SchemaRegistryClients#create(SchemaRegistryConfig)}; the interface knows
 * none of its implementations.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject} (idempotent: an already registered schema
     * keeps its id).
     *
     * @return the schema id
     * @throws IncompatibleSchemaException if the subject's compatibility level refuses it
     */
    int register(String subject, Schema schema);

    /**
     * Looks up the id of a schema already registered under {@code subject}.
     *
     * @throws SchemaNotFoundException if the subject or the schema under it is unknown
     */
    int getId(String subject, Schema schema);

    /**
     * The schema with this registry-wide id.
     *
     * @throws SchemaNotFoundException if the id is unknown
     */
    Schema getSchemaById(int id);

    /**
     * The latest version registered under {@code subject}.
     *
     * @throws SchemaNotFoundException if the subject is unknown
     */
    RegisteredSchema getLatestVersion(String subject);

    /** Sets the compatibility level the registry enforces for {@code subject}. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** Releases HTTP resources; a shared {@code mock://} registry keeps its data. */
    @Override
    void close();
}
