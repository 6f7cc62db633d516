package com.alluse.streams.loadtest;

import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.http.ApiServer;
import com.alluse.streams.http.HttpSettings;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.PipelineRole;
import com.alluse.streams.topology.StreamsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The production pipeline ({@link AccountStreamsApp}) running in this JVM on a scenario's own
 * topics, application id and state directory, optionally with its HTTP API ({@link ApiServer}); with
 * {@link PipelineSpec#downstreamApart} as two applications, the ledger and the downstream processors.
 */
final class PipelineInstance implements AutoCloseable {
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final BenchmarkEnvironment env;
    private final PipelineSpec spec;
    private final TopicNames topics;
    private final String applicationId;
    private final Path stateDir;
    private final boolean withHttp;
    private ApiServer api;
    private AccountStreamsApp app;
    private AccountStreamsApp downstream;
    private long lastStartMillis;
    private int earlierThreadReplacements;

    private PipelineInstance(BenchmarkEnvironment env, PipelineSpec spec, String name, boolean withHttp) {
        this.env = env;
        this.spec = spec;
        this.topics = TopicNames.withPrefix("lt." + name + ".");
        this.applicationId = "lt-" + name;
        this.stateDir = env.workDir().resolve("state-" + name);
        this.withHttp = withHttp;
    }

    /** Provisions the scenario's topics and starts; returns once every task is RUNNING. */
    static PipelineInstance start(BenchmarkEnvironment env, PipelineSpec spec, String name, boolean withHttp)
            throws InterruptedException {
        PipelineInstance instance = new PipelineInstance(env, spec, name, withHttp);
        try {
            instance.startApp();
        } catch (RuntimeException | InterruptedException e) {
            instance.close();
            throw e;
        }
        return instance;
    }

    private void startApp() throws InterruptedException {
        long startNanos = System.nanoTime();
        if (withHttp && api == null) {
            // The benchmark reads its own figures; the registry only backs the API's /metrics route.
            api = ApiServer.start(
                    HttpSettings.local("127.0.0.1", 0), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }
        PipelineConfig pipeline = new PipelineConfig(
                topics, spec.partitions(), (short) 1, Duration.ofDays(7), RulesConfig.DEFAULTS, env.serdeConfig());
        PipelineRole role = spec.downstreamApart() ? PipelineRole.LEDGER : PipelineRole.ALL;
        app = startRole(pipeline, role);
        if (api != null) {
            api.attach(
                    app.streams(), role, topics, KafkaConnection.plaintext(env.bootstrapServers()), env.serdeConfig());
        }
        if (spec.downstreamApart()) {
            downstream = startRole(pipeline, PipelineRole.DOWNSTREAM);
            downstream.awaitRunning(STARTUP_TIMEOUT);
        }
        app.awaitRunning(STARTUP_TIMEOUT);
        lastStartMillis = (System.nanoTime() - startNanos) / 1_000_000;
    }

    private AccountStreamsApp startRole(PipelineConfig pipeline, PipelineRole role) {
        StreamsSettings settings = new StreamsSettings(
                role.applicationId(applicationId),
                env.bootstrapServers(),
                stateDir,
                spec.streamThreads(),
                0,
                spec.processingGuarantee(),
                spec.commitIntervalMs(),
                spec.rocksDbMemoryBytes(),
                (short) 1,
                api == null ? null : api.applicationServer(),
                spec.overrides());
        AccountStreamsApp started = new AccountStreamsApp(
                pipeline,
                role,
                settings.toProperties(),
                CLOSE_TIMEOUT,
                new SimpleMeterRegistry(),
                AccountStreamsApp.DEFAULT_MAX_THREAD_REPLACEMENTS);
        started.start(STARTUP_TIMEOUT);
        return started;
    }

    /**
     * Stops the app, deletes its local state (RocksDB) and starts it again: it restores every store
     * from the changelog topics before it reaches RUNNING. Returns the time from start to RUNNING.
     * The HTTP API is not restarted (it cannot be re-attached), so only use this without one.
     */
    long restartFromEmptyStateMillis() throws InterruptedException {
        if (api != null) {
            throw new IllegalStateException("restart is for instances without the HTTP API");
        }
        earlierThreadReplacements += threadReplacementsOfRunningApps();
        closeApps();
        DirectorySize.delete(stateDir);
        startApp();
        return lastStartMillis;
    }

    org.apache.kafka.streams.KafkaStreams streams() {
        return app.streams();
    }

    TopicNames topics() {
        return topics;
    }

    /** The application id of the ledger (the group reading the commands). */
    String applicationId() {
        return applicationId;
    }

    /** The consumer groups of the pipeline: the ledger's, and the downstream processors' when they run apart. */
    List<String> groupIds() {
        return downstream == null
                ? List.of(applicationId)
                : List.of(applicationId, PipelineRole.DOWNSTREAM.applicationId(applicationId));
    }

    Path stateDir() {
        return stateDir;
    }

    int httpPort() {
        if (api == null) {
            throw new IllegalStateException("started without the HTTP API");
        }
        return api.port();
    }

    long lastStartMillis() {
        return lastStartMillis;
    }

    boolean running() {
        return app != null
                && app.streams() != null
                && app.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING;
    }

    int threadReplacements() {
        return earlierThreadReplacements + threadReplacementsOfRunningApps();
    }

    private int threadReplacementsOfRunningApps() {
        return (app == null ? 0 : app.threadReplacements())
                + (downstream == null ? 0 : downstream.threadReplacements());
    }

    @Override
    public void close() {
        try {
            if (api != null) {
                api.close();
            }
        } finally {
            closeApps();
        }
    }

    private void closeApps() {
        try {
            if (downstream != null) {
                downstream.close();
                downstream = null;
            }
        } finally {
            if (app != null) {
                app.close();
                app = null;
            }
        }
    }
}
