package com.alluse.streams.connect;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The connector configurations shipped in {@code connectors/config}, as the tests load them. */
public final class ShippedConnectors {
    private static final Path CONFIG_DIR = Path.of("config");

    private ShippedConnectors() {}

    /** A shipped file's settings with the given ones replaced or added (e.g. a test's URL or file). */
    public static Map<String, String> load(String file, Map<String, String> replaced) {
        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(CONFIG_DIR.resolve(file))) {
            shipped.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped connector file " + file, e);
        }
        Map<String, String> config = new HashMap<>();
        shipped.stringPropertyNames()
                .forEach(key -> config.put(key, shipped.getProperty(key).trim()));
        config.putAll(replaced);
        return config;
    }
}
