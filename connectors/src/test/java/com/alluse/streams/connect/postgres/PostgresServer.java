package com.alluse.streams.connect.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, in a temporary directory on a
 * free loopback port, trusting local connections. {@code initdb} refuses to run as root, so as
 * root the server's commands run as the {@code postgres} user, which owns the directory.
 */
final class PostgresServer implements AutoCloseable {
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_TIMEOUT_S = 120;
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path bin;
    private final Path dataDir;
    private final int port;

    private PostgresServer(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The newest installed server's bin directory, if any. */
    static Optional<Path> installedBin() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(
                            b -> b.getParent().getFileName().toString(),
                            Comparator.comparingInt(PostgresServer::major)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int major(String version) {
        return version.matches("\\d+") ? Integer.parseInt(version) : -1;
    }

    static PostgresServer start(Path bin) throws IOException, InterruptedException {
        // Not under JUnit's @TempDir: the postgres user must be able to reach the directory.
        Path dataDir = Files.createTempDirectory("alluse-pg");
        if (ROOT) {
            run(List.of("chown", "postgres:postgres", dataDir.toString()), false);
        }
        int port = freePort();
        PostgresServer server = new PostgresServer(bin, dataDir, port);
        server.pg(List.of("initdb", "-D", dataDir.resolve("data").toString(), "-A", "trust", "-U", "postgres"));
        server.pg(List.of(
                "pg_ctl",
                "-D",
                dataDir.resolve("data").toString(),
                "-l",
                dataDir.resolve("server.log").toString(),
                "-o",
                "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "-w",
                "start"));
        return server;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    /** Creates a database and runs the given SQL files in it, in order. */
    void createDatabase(String database, List<Path> sqlFiles) throws SQLException, IOException {
        try (Connection admin = connect("postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            for (Path file : sqlFiles) {
                statement.execute(Files.readString(file));
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            pg(List.of("pg_ctl", "-D", dataDir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.set(0, bin.resolve(command.get(0)).toString());
        run(full, ROOT);
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", full) + " failed:\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
