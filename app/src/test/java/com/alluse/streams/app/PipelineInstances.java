package com.alluse.streams.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pipeline instances of one application id, each `alluse run` in its own JVM ({@link AppProcess}) with its own
 * HTTP port and state directory, which a test can SIGKILL and start again on that directory.
 */
final class PipelineInstances implements AutoCloseable {
    private final Path dir;
    private final List<String> runArgs;
    private final AppProcess[] instances;
    private final int[] httpPorts;

    /**
     * @param runArgs the `alluse run` options every instance gets (cluster, registry, partitions...); each also
     *                gets its data directory and HTTP port
     */
    PipelineInstances(Path dir, int count, List<String> runArgs) {
        this.dir = dir;
        this.runArgs = List.copyOf(runArgs);
        this.instances = new AppProcess[count];
        this.httpPorts = new int[count];
        for (int i = 0; i < count; i++) {
            httpPorts[i] = freePort();
        }
    }

    /** The options of {@code alluse run} for the pipeline on this cluster, as the fault tests run it. */
    static List<String> runArgs(String bootstrapServers, String registryUrl, int partitions, int replicationFactor) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                bootstrapServers,
                "--schema-registry-url",
                registryUrl,
                "--partitions",
                Integer.toString(partitions),
                "--replication-factor",
                Integer.toString(replicationFactor),
                "--standby-replicas",
                "1",
                // A killed member must leave the group quickly (6 s is the broker's minimum).
                "--config",
                "session.timeout.ms=6000",
                "--config",
                "heartbeat.interval.ms=1000"));
        args.addAll(RecoveryChecks.FAST_GROWTH_ARGS);
        return args;
    }

    int size() {
        return instances.length;
    }

    /** Starts every instance (generation 0) without waiting; see {@link #awaitAllReady}. */
    void startAll() throws IOException {
        for (int i = 0; i < instances.length; i++) {
            instances[i] = start(i, 0);
        }
    }

    void awaitAllReady(Duration timeout) throws IOException, InterruptedException {
        for (int i = 0; i < instances.length; i++) {
            instances[i].awaitReady(httpPorts[i], timeout);
        }
    }

    /** SIGKILL of one instance: no commit, no leaving the group. */
    void kill(int instance) throws InterruptedException {
        instances[instance].kill();
    }

    /** Starts a killed instance again on its state directory and port, its log numbered by generation. */
    void restart(int instance, int generation, Duration readyTimeout) throws IOException, InterruptedException {
        instances[instance] = start(instance, generation);
        instances[instance].awaitReady(httpPorts[instance], readyTimeout);
    }

    private AppProcess start(int instance, int generation) throws IOException {
        List<String> args = new ArrayList<>(runArgs);
        args.addAll(List.of(
                "--data-dir",
                dir.resolve("instance-" + instance).toString(),
                "--http-port",
                Integer.toString(httpPorts[instance])));
        return AppProcess.start(dir.resolve("instance-" + instance + "-" + generation + ".log"), args);
    }

    @Override
    public void close() {
        for (AppProcess instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
