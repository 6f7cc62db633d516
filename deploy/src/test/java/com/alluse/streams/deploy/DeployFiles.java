package com.alluse.streams.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deploy files are, and how to read them as plain trees. */
final class DeployFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {}

    /** This module's directory (surefire runs with user.dir = the module; an IDE may use the repository root). */
    static Path deployDir() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        if (Files.isDirectory(dir.resolve("k8s"))) {
            return dir;
        }
        if (Files.isDirectory(dir.resolve("deploy/k8s"))) {
            return dir.resolve("deploy");
        }
        throw new IllegalStateException("cannot find the deploy directory from " + dir);
    }

    static Path repoRoot() {
        return deployDir().getParent();
    }

    static Path deploy(String relative) {
        return deployDir().resolve(relative);
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
