package com.alluse.streams.serde;

import org.apache.kafka.common.KafkaException;

/**
 * A schema registry call failed. Carries the HTTP status and the registry's {@code error_code}
 * (Confluent convention, e.g. 40401 subject not found) when the registry answered; both are 0
 * when it was never reached.
 */
public class SchemaRegistryException extends KafkaException {
    private static final long serialVersionUID = 1L;

    /** Confluent error code for an unexpected server-side failure. */
    public static final int INTERNAL_SERVER_ERROR = 50001;
    /** Confluent error code for a syntactically or semantically invalid schema. */
    public static final int INVALID_SCHEMA = 42201;
    /** Confluent error code for an unknown compatibility level. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
        this.errorCode = 0;
    }

    /** HTTP status of the registry's answer, 0 if it did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code}, 0 if none. */
    public int errorCode() {
        return errorCode;
    }
}
