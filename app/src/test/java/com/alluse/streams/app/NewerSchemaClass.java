package com.alluse.streams.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.avro.Schema;
import org.apache.avro.compiler.specific.SpecificCompiler;
import org.apache.avro.generic.GenericData;

/**
 * A newer version of a generated Avro class, as the next release of the application would have
 * it: its schema with fields appended (each with a default, as the schema evolution guard
 * requires), generated like the schemas module does (String strings) and compiled against this
 * classpath. Put first on a child JVM's classpath it replaces the current class there: that JVM
 * writes and reads the newer schema, the code around it being the same.
 */
final class NewerSchemaClass {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NewerSchemaClass() {}

    /** The newer schema: {@code current} with {@code addedFields} (Avro JSON field objects) appended. */
    static Schema withFields(Schema current, List<String> addedFields) throws IOException {
        ObjectNode tree = (ObjectNode) JSON.readTree(current.toString());
        ArrayNode fields = (ArrayNode) tree.get("fields");
        for (String field : addedFields) {
            JsonNode parsed = JSON.readTree(field);
            if (!parsed.has("default")) {
                throw new IllegalArgumentException("an added field needs a default: " + field);
            }
            fields.add(parsed);
        }
        return new Schema.Parser().parse(tree.toString());
    }

    /** Generates and compiles the class of {@code schema} into {@code dir}/classes, which it returns. */
    static Path compile(Schema schema, Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        SpecificCompiler generator = new SpecificCompiler(schema);
        generator.setStringType(GenericData.StringType.String);
        generator.compileToDestination(null, sources.toFile());
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (a JRE, not a JDK)");
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String[] arguments = Stream.concat(
                        Stream.of(
                                "-d",
                                classes.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-nowarn",
                                "--release",
                                "17"),
                        files.stream())
                .toArray(String[]::new);
        if (javac.run(null, null, errors, arguments) != 0) {
            throw new IllegalStateException(
                    "javac failed on " + files + ":\n" + errors.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }
}
