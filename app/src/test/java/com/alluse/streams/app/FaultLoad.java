package com.alluse.streams.app;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.client.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
