package com.alluse.streams.serde.internals;

import com.alluse.streams.serde.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** Avro's reader/writer compatibility rules applied per {@link CompatibilityLevel}. */
public final class SchemaCompatibilityChecker {
    private SchemaCompatibilityChecker() {}

    /**
     * Why {@code reader} cannot read data written with {@code writer}; empty when it can.
     * Each entry names the incompatibility type, its location in the reader schema and Avro's message.
     */
    public static List<String> readProblems(Schema reader, Schema writer) {
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult()
                .getIncompatibilities()) {
            problems.add(incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                    + incompatibility.getMessage());
        }
        return problems;
    }

    /**
     * Why {@code candidate} may not be registered after {@code existing} (oldest first) under
     * {@code level}; empty when it may.
     */
    public static List<String> problems(CompatibilityLevel level, Schema candidate, List<Schema> existing) {
        if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
            return List.of();
        }
        List<Schema> checked = level.isTransitive() ? existing : List.of(existing.get(existing.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Schema old : checked) {
            if (level.checksBackward()) {
                readProblems(candidate, old).forEach(p -> problems.add("new schema cannot read old data: " + p));
            }
            if (level.checksForward()) {
                readProblems(old, candidate).forEach(p -> problems.add("old schema cannot read new data: " + p));
            }
        }
        return problems;
    }
}
