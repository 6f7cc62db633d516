package com.alluse.streams.localstack;

/** The embedded broker did not become ready; its resources have been released. */
public class EmbeddedKafkaStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedKafkaStartException(String message) {
        super(message);
    }

    public EmbeddedKafkaStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
