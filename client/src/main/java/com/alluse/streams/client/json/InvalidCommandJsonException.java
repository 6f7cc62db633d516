package com.alluse.streams.client.json;

/** A JSON command line that cannot be turned into an AccountCommand; the message says why, for a person. */
public final class InvalidCommandJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidCommandJsonException(String reason) {
        super(reason);
    }
}
