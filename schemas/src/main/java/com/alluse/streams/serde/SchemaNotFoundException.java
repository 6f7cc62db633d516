package com.alluse.streams.serde;

/** The registry has no such subject, version or schema (HTTP 404). */
public class SchemaNotFoundException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public static final int NOT_FOUND = 404;
    /** Confluent error code: the subject does not exist. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: the version does not exist under the subject. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code: no schema with that id, or not under that subject. */
    public static final int SCHEMA_NOT_FOUND = 40403;

    public SchemaNotFoundException(String message, int errorCode) {
        super(message, NOT_FOUND, errorCode);
    }

    public static SchemaNotFoundException subject(String subject) {
        return new SchemaNotFoundException("Subject '" + subject + "' not found.", SUBJECT_NOT_FOUND);
    }

    public static SchemaNotFoundException schemaId(int id) {
        return new SchemaNotFoundException("Schema " + id + " not found.", SCHEMA_NOT_FOUND);
    }

    public static SchemaNotFoundException schemaInSubject(String subject) {
        return new SchemaNotFoundException("Schema not found under subject '" + subject + "'.", SCHEMA_NOT_FOUND);
    }
}
