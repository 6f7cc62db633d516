package com.alluse.streams.avro;

import com.alluse.streams.serde.CompatibilityLevel;
import com.alluse.streams.serde.internals.SchemaCompatibilityChecker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.apache.avro.specific.SpecificData;

/**
 * The released (already in production) version of every top-level schema, kept as self-contained
 * JSON in {@code src/test/resources/released/<FullName>.avsc}, and the tool to release new ones.
 *
 * <p>Release after an evolution that the guard accepts (from the repository root):
 * <pre>
 * mvn -q -pl schemas test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.alluse.streams.avro.ReleasedSchemas
 * </pre>
 * It writes each generated class's {@code SCHEMA$} (all named types inlined) and refuses a schema
 * that is not FULL compatible with the previous release (either cannot read the other's data).
 */
public final class ReleasedSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path moduleDir;

    public ReleasedSchemas(Path moduleDir) {
        this.moduleDir = moduleDir;
    }

    /** The schemas module, whether run from it (surefire) or from the repository root (exec:java). */
    public static ReleasedSchemas locate() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(here, here.resolve("schemas"))) {
            if (Files.isDirectory(candidate.resolve("src/main/avro"))) {
                return new ReleasedSchemas(candidate);
            }
        }
        throw new IllegalStateException("Cannot find schemas/src/main/avro from " + here);
    }

    public Path releasedDir() {
        return moduleDir.resolve("src/test/resources/released");
    }

    /**
     * Full names of the top-level records: the record each {@code .avsc} file under src/main/avro
     * defines, except the shared enums in common/. Nested records (union branches) are covered by
     * the top-level record that holds them.
     */
    public List<String> topLevelRecordNames() {
        Path avroDir = moduleDir.resolve("src/main/avro");
        try (Stream<Path> files = Files.walk(avroDir)) {
            return files.filter(f -> f.toString().endsWith(".avsc"))
                    .filter(f -> !avroDir.relativize(f).startsWith("common"))
                    .map(ReleasedSchemas::declaredRecordName)
                    .filter(name -> name != null)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code SCHEMA$} of the generated class {@code fullName}. */
    public static Schema currentSchema(String fullName) {
        try {
            return SpecificData.get().getSchema(Class.forName(fullName));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No generated class " + fullName + " (did avro-maven-plugin run?)", e);
        }
    }

    public Path releasedFile(String fullName) {
        return releasedDir().resolve(fullName + ".avsc");
    }

    /** Full names of all released schemas (file names without .avsc). */
    public List<String> releasedNames() {
        try (Stream<Path> files = Files.list(releasedDir())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".avsc"))
                    .map(n -> n.substring(0, n.length() - ".avsc".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Schema released(String fullName) {
        try {
            return new Schema.Parser().parse(Files.readString(releasedFile(fullName)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why {@code current} cannot read data written with {@code released}; empty when it can (BACKWARD). */
    public static List<String> backwardProblems(Schema current, Schema released) {
        return SchemaCompatibilityChecker.readProblems(current, released);
    }

    /** Why {@code released} cannot read data written with {@code current}; empty when it can (FORWARD). */
    public static List<String> forwardProblems(Schema current, Schema released) {
        return SchemaCompatibilityChecker.readProblems(released, current);
    }

    /** Both directions (FULL): what the registry checks for a subject the application creates. */
    public static List<String> fullProblems(Schema current, Schema released) {
        return SchemaCompatibilityChecker.problems(CompatibilityLevel.FULL, current, List.of(released));
    }

    /**
     * Enum symbols of {@code released} that {@code current} no longer has, as {@code Enum.SYMBOL}.
     * Avro accepts a removed symbol when the reader's enum has a default, but data already written
     * with it would then be read as the default: a silent change of meaning, so the guard refuses it.
     */
    public static List<String> removedEnumSymbols(Schema current, Schema released) {
        Map<String, Schema> currentEnums = new HashMap<>();
        enums(current).forEach(e -> currentEnums.put(e.getFullName(), e));
        List<String> removed = new ArrayList<>();
        for (Schema old : enums(released)) {
            Schema now = currentEnums.get(old.getFullName());
            for (String symbol : old.getEnumSymbols()) {
                if (now != null && !now.hasEnumSymbol(symbol)) {
                    removed.add(old.getFullName() + "." + symbol);
                }
            }
        }
        return removed;
    }

    /** Every enum the schema holds, in nested records, unions, arrays and maps included. */
    public static Set<Schema> enums(Schema schema) {
        Set<Schema> found = new LinkedHashSet<>();
        collectEnums(schema, found, new HashSet<>());
        return found;
    }

    private static void collectEnums(Schema schema, Set<Schema> found, Set<String> visitedRecords) {
        switch (schema.getType()) {
            case ENUM -> found.add(schema);
            case RECORD -> {
                if (visitedRecords.add(schema.getFullName())) {
                    schema.getFields().forEach(f -> collectEnums(f.schema(), found, visitedRecords));
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectEnums(t, found, visitedRecords));
            case ARRAY -> collectEnums(schema.getElementType(), found, visitedRecords);
            case MAP -> collectEnums(schema.getValueType(), found, visitedRecords);
            default -> {}
        }
    }

    /** Writes the current schema of {@code fullName} as its released version; true if the file changed. */
    public boolean release(String fullName) throws IOException {
        Schema current = currentSchema(fullName);
        Path file = releasedFile(fullName);
        if (Files.exists(file)) {
            List<String> problems = new ArrayList<>(fullProblems(current, released(fullName)));
            removedEnumSymbols(current, released(fullName)).forEach(r -> problems.add("removed enum symbol " + r));
            if (!problems.isEmpty()) {
                throw new IllegalStateException(
                        fullName + " is not FULL compatible with its released version: " + problems);
            }
        }
        String text = SchemaFormatter.format("json/pretty", current) + "\n";
        if (Files.exists(file) && Files.readString(file).equals(text)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return true;
    }

    /** Releases the given full names, or every top-level record when none are given. */
    public static void main(String[] args) throws IOException {
        ReleasedSchemas released = locate();
        List<String> names = args.length == 0 ? released.topLevelRecordNames() : List.of(args);
        for (String name : names) {
            System.out.println((released.release(name) ? "released  " : "unchanged ") + released.releasedFile(name));
        }
    }

    private static String declaredRecordName(Path avsc) {
        try {
            JsonNode node = JSON.readTree(avsc.toFile());
            if (!"record".equals(node.path("type").asText())) {
                return null;
            }
            String namespace = node.path("namespace").asText("");
            return namespace.isEmpty()
                    ? node.path("name").asText()
                    : namespace + "." + node.path("name").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + avsc, e);
        }
    }
}
