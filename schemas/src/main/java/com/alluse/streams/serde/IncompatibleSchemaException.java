package com.alluse.streams.serde;

/** The registry refused a schema (HTTP 409) because it breaks the subject's compatibility level. */
public class IncompatibleSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    /** HTTP status and Confluent error code for an incompatible schema. */
    public static final int CONFLICT = 409;

    private final String subject;
    private final String registryMessage;

    public IncompatibleSchemaException(String subject, String registryMessage) {
        super(
                "Schema is incompatible with the schemas registered under subject '" + subject + "': "
                        + registryMessage,
                CONFLICT,
                CONFLICT);
        this.subject = subject;
        this.registryMessage = registryMessage;
    }

    /** The subject whose compatibility rule refused the schema. */
    public String subject() {
        return subject;
    }

    /** Why the registry refused the schema, in its own words. */
    public String registryMessage() {
        return registryMessage;
    }
}
