package com.alluse.streams.connect;

import com.alluse.streams.connect.worker.ConnectWorker;
import com.alluse.streams.connect.worker.WorkerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.Exit;

/**
 * A Connect worker in the test's JVM. Connect ends the JVM when a worker fails to start: while
 * this worker lives, that fails the test instead.
 */
public final class InProcessWorker implements AutoCloseable {
    private final ConnectWorker worker;

    private InProcessWorker(ConnectWorker worker) {
        this.worker = worker;
    }

    public static InProcessWorker start(WorkerSettings settings) {
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Connect wanted to exit(" + code + "): " + message);
        });
        try {
            return new InProcessWorker(ConnectWorker.start(settings));
        } catch (RuntimeException e) {
            Exit.resetExitProcedure();
            throw e;
        }
    }

    public URI restUrl() {
        return worker.restUrl();
    }

    public void putConnector(String name, Map<String, String> config, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        worker.putConnector(name, config, timeout);
    }

    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            Exit.resetExitProcedure();
        }
    }
}
