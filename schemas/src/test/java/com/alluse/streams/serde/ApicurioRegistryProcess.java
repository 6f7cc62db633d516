package com.alluse.streams.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry (from the Maven Central distribution that the build unpacks into
 * target/apicurio) running as a child JVM on free loopback ports, with BACKWARD as its global
 * compatibility rule. Any failure to start is an error carrying the process output, never a skip.
 */
final class ApicurioRegistryProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int OUTPUT_TAIL_CHARS = 8_000;

    private final Process process;
    private final Path workDir;
    private final Path output;
    private final int port;
    private final Thread killOnExit;

    private ApicurioRegistryProcess(Process process, Path workDir, Path output, int port) {
        this.process = process;
        this.workDir = workDir;
        this.output = output;
        this.port = port;
        // If the test JVM dies without @AfterAll, do not leave a 230 MB registry behind.
        this.killOnExit = new Thread(process::destroyForcibly, "apicurio-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static ApicurioRegistryProcess start() throws IOException, InterruptedException {
        Path runnerJar = runnerJar();
        Path workDir = Files.createTempDirectory("apicurio-it-");
        Path output = workDir.resolve("apicurio.log");
        int port = freePort();
        List<String> command = List.of(
                javaExecutable(),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + workDir,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + freePort(),
                "-Dquarkus.otel.sdk.disabled=true",
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-jar",
                runnerJar.toString());
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile()) // a file, so a chatty child never blocks on a full pipe
                .start();
        ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, workDir, output, port);
        try {
            registry.awaitReady();
            return registry;
        } catch (RuntimeException | Error | InterruptedException e) {
            String tail = registry.outputTail();
            registry.close();
            throw new AssertionError(
                    "Apicurio Registry did not start: " + e.getMessage() + "\ncommand: " + String.join(" ", command)
                            + "\n--- process output (tail) ---\n" + tail,
                    e);
        }
    }

    /** Base URL of the Confluent-compatible API. */
    String ccompatUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process exited with code " + process.exitValue());
            }
            try {
                HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "not ready within " + READY_TIMEOUT.toSeconds() + " s (last probe: " + last + ")");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs anyway.
            }
            deleteRecursively(workDir);
        }
    }

    private String outputTail() {
        try {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            return text.length() <= OUTPUT_TAIL_CHARS
                    ? text
                    : "..." + text.substring(text.length() - OUTPUT_TAIL_CHARS);
        } catch (IOException e) {
            return "<cannot read " + output + ": " + e + ">";
        }
    }

    private static Path runnerJar() throws IOException {
        Path dir = Path.of(System.getProperty("apicurio.dir", "target/apicurio"));
        if (!Files.isDirectory(dir)) {
            throw new AssertionError(
                    "Apicurio Registry is not unpacked in " + dir.toAbsolutePath()
                            + ": run `mvn -pl schemas verify` (maven-dependency-plugin unpacks it before the integration tests)");
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            Optional<Path> jar = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst();
            return jar.orElseThrow(() -> new AssertionError("No *-runner.jar under " + dir.toAbsolutePath()));
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
