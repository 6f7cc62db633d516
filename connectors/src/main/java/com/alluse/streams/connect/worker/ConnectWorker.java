package com.alluse.streams.connect.worker;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.cli.AbstractConnectCli;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A real Kafka Connect worker (Apache Kafka's {@code connect-runtime}) in this process, started
 * the way Connect's own command-line classes start it, with its REST API on {@link #restUrl()}.
 * If the worker cannot start, Connect ends the JVM with exit code 3 (its own behaviour).
 */
public final class ConnectWorker implements AutoCloseable {
    private final Connect<? extends Herder> connect;

    private ConnectWorker(Connect<? extends Herder> connect) {
        this.connect = connect;
    }

    public static ConnectWorker start(WorkerSettings settings) {
        AbstractConnectCli<?, ?> cli = settings.distributed() ? new ConnectDistributed() : new ConnectStandalone();
        return new ConnectWorker(cli.startConnect(settings.toProperties()));
    }

    /** Connect's REST API, e.g. {@code http://127.0.0.1:8083/}. */
    public URI restUrl() {
        return connect.rest().serverUrl();
    }

    /**
     * Creates or replaces a connector, waiting up to {@code timeout} for the worker to accept it. Its
     * {@code name} setting is {@code name}, as with {@code PUT /connectors/{name}/config}.
     */
    public ConnectorInfo putConnector(String name, Map<String, String> config, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, String> named = new HashMap<>(config);
        named.put(ConnectorConfig.NAME_CONFIG, name);
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        connect.herder().putConnectorConfig(name, named, true, created);
        return created.get(timeout.toMillis(), TimeUnit.MILLISECONDS).result();
    }

    /** Blocks until the worker has stopped (by {@link #close()} or a shutdown hook). */
    public void awaitStop() {
        connect.awaitStop();
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
