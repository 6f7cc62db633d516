package com.alluse.streams.serde;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a schema under a subject, as the registry knows it.
 *
 * @param subject the subject, e.g. {@code alluse.commands-value}
 * @param id the registry-wide schema id carried in the wire format
 * @param version the version of the schema within the subject, from 1
 * @param schema the parsed Avro schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
