package com.alluse.streams.app;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.client.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The open-loop command load of a fault test and the follower of its results, each on a daemon thread of its
 * own.
 */
final class FaultLoad implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    final OpenLoopLoad load;
    final ResultFlow flow;
    private final Thread loadThread;
    private final Thread flowThread;

    private FaultLoad(OpenLoopLoad load, ResultFlow flow) {
        this.load = load;
        this.flow = flow;
        this.loadThread = daemon(load, "command-load");
        this.flowThread = daemon(flow, "result-flow");
    }

    /**
     * Enough commands for an open-loop load at the rate to last the test's whole time bound: the load must not run
     * out while a fault is being recovered from, since only commands written after a fault can show that results
     * flow again. Guessing the faults' duration instead left the broker-loss and kill-storm tests waiting for
     * results of commands that were never sent on a loaded machine.
     */
    static int commandsLasting(Duration testBound, int commandsPerSecond) {
        return Math.toIntExact(testBound.toSeconds() * commandsPerSecond);
    }

    /** Starts sending the commands at the rate, and following the results from the beginning. */
    static FaultLoad start(
            String bootstrapServers,
            Map<String, Object> serdeConfig,
            TopicNames topics,
            int partitions,
            List<AccountCommand> commands,
            int commandsPerSecond) {
        return new FaultLoad(
                new OpenLoopLoad(
                        bootstrapServers, serdeConfig, topics.commands(), partitions, commands, commandsPerSecond),
                new ResultFlow(bootstrapServers, serdeConfig, topics.commandResults(), partitions));
    }

    /**
     * Waits until {@code flowing} (from {@link ResultFlow#flowingAgain}) completes.
     *
     * @throws AssertionError if it does not within the timeout, saying how many commands were sent and whether the
     *                        load had run out of them by then
     */
    Duration awaitFlowing(CompletableFuture<Duration> flowing, Duration timeout)
            throws InterruptedException, ExecutionException {
        try {
            return flowing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "results not flowing on every partition within " + timeout.toMillis() + " ms; " + load.sent()
                            + " of the load's commands sent" + (load.exhausted() ? " (the load had run out)" : ""),
                    e);
        }
    }

    /**
     * Stops sending and waits until the producer has flushed what it sent, then stops following results.
     *
     * @throws AssertionError if either thread does not end within the timeout
     */
    void stop(Duration timeout) throws InterruptedException {
        load.stop();
        loadThread.join(timeout.toMillis());
        flow.stop();
        flowThread.join(timeout.toMillis());
        if (loadThread.isAlive() || flowThread.isAlive()) {
            throw new AssertionError("load or result follower still running after " + timeout.toMillis() + " ms");
        }
    }

    @Override
    public void close() {
        load.stop();
        flow.stop();
        try {
            loadThread.join(CLOSE_WAIT.toMillis());
            flowThread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            // Closing must not throw: keep the interrupt for the caller to see.
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
