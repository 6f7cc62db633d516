package com.alluse.streams.serde;

/**
 * Schema compatibility levels as named by the Confluent Schema Registry REST API.
 *
 * <p>BACKWARD: a new schema must read data written with the latest registered one. FORWARD: the
 * latest registered schema must read data written with the new one. FULL: both. The
 * {@code _TRANSITIVE} variants check against every registered version, not only the latest.
 */
public enum CompatibilityLevel {
    NONE,
    BACKWARD,
    BACKWARD_TRANSITIVE,
    FORWARD,
    FORWARD_TRANSITIVE,
    FULL,
    FULL_TRANSITIVE;

    /** Whether a new schema must be able to read data written with the old ones. */
    public boolean checksBackward() {
        return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    /** Whether the old schemas must be able to read data written with a new one. */
    public boolean checksForward() {
        return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    /** Whether every registered version is checked, not only the latest. */
    public boolean isTransitive() {
        return name().endsWith("_TRANSITIVE");
    }
}
