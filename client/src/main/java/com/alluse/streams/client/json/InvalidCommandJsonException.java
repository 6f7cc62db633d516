package com.alluse.streams.client.json;

/** A JSON command line that cannot be turned into an AccountCommand; the message says why, for a person. */
public final class InvalidCommandJsonException extends Exception {
    public InvalidCommandJsonException(String reason) {
        super(reason);
    }
}
