package com.alluse.streams.connect.webhook;

/** A delivery that will not succeed by retrying: a 4xx other than 408/429, or retries exhausted. */
final class PermanentDeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
