package com.alluse.streams.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats the KRaft storage of a data directory once, and keeps its cluster id on later starts. */
final class KafkaStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStorage.class);
    private static final String META_PROPERTIES = "meta.properties";
    private static final String SERVER_PROPERTIES = "server.properties";

    private KafkaStorage() {}

    /**
     * Writes {@code <dataDir>/server.properties} and formats the log directory unless already formatted, with the
     * wanted cluster id (null: a random one).
     *
     * @param security if not null, the broker's own SCRAM credential is stored when formatting: the broker needs it
     *                 to authenticate to itself before any admin client could create it
     * @return the cluster id stored in the data directory
     */
    static String prepare(Path dataDir, Properties serverProperties, String wantedClusterId, BrokerSecurity security) {
        Optional<String> stored = storedClusterId(dataDir);
        if (wantedClusterId != null && stored.isPresent() && !stored.get().equals(wantedClusterId)) {
            throw new IllegalStateException(
                    "data dir " + dataDir + " belongs to cluster " + stored.get() + ", not " + wantedClusterId);
        }
        String clusterId = stored.orElseGet(() ->
                wantedClusterId != null ? wantedClusterId : Uuid.randomUuid().toString());
        Path configFile = writeServerProperties(dataDir, serverProperties);
        format(clusterId, configFile, security);
        return storedClusterId(dataDir)
                .orElseThrow(() -> new IllegalStateException(
                        "formatting " + BrokerProperties.logDir(dataDir) + " left no " + META_PROPERTIES));
    }

    static Optional<String> storedClusterId(Path dataDir) {
        Path metaFile = BrokerProperties.logDir(dataDir).resolve(META_PROPERTIES);
        if (!Files.isRegularFile(metaFile)) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(metaFile)) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaFile, e);
        }
        return Optional.ofNullable(meta.getProperty("cluster.id"));
    }

    /** The server.properties of the previous start on this data directory; empty if there was none. */
    static Properties previousServerProperties(Path dataDir) {
        Path file = dataDir.resolve(SERVER_PROPERTIES);
        Properties previous = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                previous.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return previous;
    }

    private static Path writeServerProperties(Path dataDir, Properties serverProperties) {
        Path file = dataDir.resolve(SERVER_PROPERTIES);
        try {
            Files.createDirectories(dataDir);
            try (OutputStream out = Files.newOutputStream(file)) {
                serverProperties.store(out, "Written by EmbeddedKafkaBroker on every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Same as {@code kafka-storage.sh format -t <id> -c <file> --ignore-formatted}, without System.exit. */
    private static void format(String clusterId, Path configFile, BrokerSecurity security) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> args =
                new ArrayList<>(List.of("format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"));
        if (security != null) {
            args.add("--add-scram");
            args.add(BrokerSecurity.MECHANISM + "=[name=" + security.superUser() + ",password="
                    + security.superUserPassword() + "]");
        }
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args.toArray(String[]::new), out);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "formatting Kafka storage failed: " + e.getMessage() + ". Output: "
                            + output.toString(StandardCharsets.UTF_8),
                    e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("formatting Kafka storage exited with " + exitCode + ". Output: "
                    + output.toString(StandardCharsets.UTF_8));
        }
        LOG.debug(
                "Kafka storage format: {}",
                output.toString(StandardCharsets.UTF_8).strip());
    }
}
