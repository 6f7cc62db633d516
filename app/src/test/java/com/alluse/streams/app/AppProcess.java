package com.alluse.streams.app;

import com.alluse.streams.cli.AllUseCli;
import com.alluse.streams.topology.BrokerFixture;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** The application as its own JVM (`alluse run` against a given cluster), which a test can SIGKILL. */
final class AppProcess implements AutoCloseable {
    private static final String RUNNING_LINE = "Pipeline RUNNING";
    /**
     * For the JVMs the tests start (instances, brokers): they live for seconds to minutes on 2 shared
     * cores, where C2's compiler threads and G1's concurrent threads cost more CPU than the code they
     * speed up (docs/reliability.md, "Suite time").
     */
    static final List<String> SHORT_LIVED_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HEALTH_CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The `alluse run` options of an instance of {@code kafka}'s cluster and registry; a list to add to. */
    static List<String> runArgs(BrokerFixture kafka, Path dataDir, int partitions) {
        return new ArrayList<>(List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--schema-registry-url",
                kafka.registry.url(),
                "--data-dir",
                dataDir.toString(),
                "--partitions",
                Integer.toString(partitions)));
    }

    static AppProcess start(Path log, List<String> runArgs) throws IOException {
        return start(log, runArgs, Map.of());
    }

    /** With extra environment variables, e.g. secrets that must not appear on the command line. */
    static AppProcess start(Path log, List<String> runArgs, Map<String, String> env) throws IOException {
        return start(log, runArgs, env, System.getProperty("java.class.path"));
    }

    /**
     * Another version of the application: {@code classes} come first on the classpath, so its
     * classes replace those of the same name (e.g. a store value's generated class, newer).
     */
    static AppProcess startWithClassesFirst(Path log, List<String> runArgs, Path classes) throws IOException {
        return start(log, runArgs, Map.of(), classes + File.pathSeparator + System.getProperty("java.class.path"));
    }

    private static AppProcess start(Path log, List<String> runArgs, Map<String, String> env, String classpath)
            throws IOException {
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m"));
        command.addAll(SHORT_LIVED_JVM_OPTIONS);
        command.addAll(List.of("-cp", classpath, AllUseCli.class.getName(), "run", "--no-demo"));
        command.addAll(runArgs);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        return new AppProcess(process, log);
    }

    void awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(RUNNING_LINE)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("application did not reach RUNNING (" + liveness() + "):\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /** Polls GET /health/ready on the instance's HTTP port until it answers 200: its stream threads are RUNNING. */
    void awaitReady(int httpPort, Duration timeout) throws IOException, InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
                .timeout(HEALTH_REQUEST_TIMEOUT)
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status(ready) != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "instance on port " + httpPort + " not ready (" + liveness() + "):\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /** "alive", or the exit code of a JVM that ended (134: aborted, e.g. by a native library; 137: SIGKILL). */
    private String liveness() {
        return process.isAlive() ? "alive" : "exited with code " + process.exitValue();
    }

    /** The answer's status, or 0 while the port does not answer (the JVM is still starting). */
    private static int status(HttpRequest request) throws InterruptedException {
        try {
            return HEALTH_CLIENT
                    .send(request, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Waits for the process to end by itself; its exit code, or empty if it is still running then. */
    OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook, no commit, no leaving the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the JVM is frozen (no thread runs, the HTTP port accepts but does not answer) until {@link #resume}. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    String tail() throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() <= 4_000 ? text : text.substring(text.length() - 4_000);
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            // Closing must not throw: keep the interrupt for the caller to see.
            Thread.currentThread().interrupt();
        }
    }
}
