package com.alluse.streams.topology;

import com.alluse.streams.client.AccessDenied;
import com.alluse.streams.client.ApplicationIds;
import com.alluse.streams.processors.EarlyCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream instance: provisions topics, runs the ledger topology, replaces stream threads that
 * die (a bounded number of times, then shuts the client down so its orchestrator restarts it),
 * and leaves the group on close so its partitions move at once.
 */
public final class AccountStreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccountStreamsApp.class);
    public static final int DEFAULT_MAX_THREAD_REPLACEMENTS = 10;

    private final PipelineConfig pipeline;
    private final PipelineRole role;
    private final Properties streamsProperties;
    private final Duration closeTimeout;
    private final AtomicInteger threadReplacements = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private KafkaStreams streams;
    private LocalStateGuard localState;
    private volatile KafkaException accessDenied;

    private final MeterRegistry registry;
    private final int maxThreadReplacements;

    /** An instance whose metrics are kept in memory only (tests, tools). */
    public AccountStreamsApp(PipelineConfig pipeline, Properties streamsProperties, Duration closeTimeout) {
        this(pipeline, streamsProperties, closeTimeout, new SimpleMeterRegistry());
    }

    public AccountStreamsApp(
            PipelineConfig pipeline, Properties streamsProperties, Duration closeTimeout, MeterRegistry registry) {
        this(pipeline, streamsProperties, closeTimeout, registry, DEFAULT_MAX_THREAD_REPLACEMENTS);
    }

    /** An instance of the whole pipeline ({@link PipelineRole#ALL}). */
    public AccountStreamsApp(
            PipelineConfig pipeline,
            Properties streamsProperties,
            Duration closeTimeout,
            MeterRegistry registry,
            int maxThreadReplacements) {
        this(pipeline, PipelineRole.ALL, streamsProperties, closeTimeout, registry, maxThreadReplacements);
    }

    /**
     * @param role the sub-topologies it runs; its {@code application.id} must be {@link PipelineRole#applicationId}
     *     of the pipeline's, since every instance of one application id must run the same topology
     * @param maxThreadReplacements stream threads that may die and be replaced over the instance's
     *     life; one more and the instance shuts down (not live), for its orchestrator to restart it
     */
    public AccountStreamsApp(
            PipelineConfig pipeline,
            PipelineRole role,
            Properties streamsProperties,
            Duration closeTimeout,
            MeterRegistry registry,
            int maxThreadReplacements) {
        if (maxThreadReplacements < 0) {
            throw new IllegalArgumentException("maxThreadReplacements must not be negative");
        }
        requireApplicationIdOf(role, streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        // Read again by each ledger task's initialisation: a bad value must stop the start, not every task.
        EarlyCommit.of(streamsProperties);
        this.maxThreadReplacements = maxThreadReplacements;
        this.pipeline = pipeline;
        this.role = role;
        this.streamsProperties = streamsProperties;
        this.closeTimeout = closeTimeout;
        this.registry = registry;
    }

    /** A downstream instance under the ledger's id (or the reverse) would join a group that runs another topology. */
    private static void requireApplicationIdOf(PipelineRole role, String applicationId) {
        if (applicationId == null) {
            throw new IllegalArgumentException("the Streams properties need " + StreamsConfig.APPLICATION_ID_CONFIG);
        }
        boolean downstreamId = applicationId.endsWith(ApplicationIds.DOWNSTREAM_SUFFIX);
        if (downstreamId != (role == PipelineRole.DOWNSTREAM)) {
            throw new IllegalArgumentException("role " + role + " cannot run under application.id " + applicationId
                    + ": the downstream role, and only it, runs under the pipeline's id + "
                    + ApplicationIds.DOWNSTREAM_SUFFIX);
        }
    }

    /**
     * Registers the public schemas (so producers without auto-registration can write at once),
     * provisions topics and starts processing; returns without waiting for RUNNING.
     *
     * @throws com.alluse.streams.serde.IncompatibleSchemaException if the registry refuses a schema
     *     of this release, naming the subject; nothing is started
     */
    public synchronized KafkaStreams start(Duration provisioningTimeout) {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        // Schemas first: a release the registry refuses changes nothing on the cluster.
        try (SchemaRegistration schemas = SchemaRegistration.open(pipeline.serdeConfig(), pipeline.topics())) {
            schemas.registerAll();
        }
        try (Admin admin = Admin.create(adminProperties(streamsProperties))) {
            new TopicProvisioner(admin, pipeline, provisioningTimeout).ensureTopics();
        }
        localState = acquireLocalState(streamsProperties);
        PropertyMetricsFreeKafkaStreams created;
        try {
            created = new PropertyMetricsFreeKafkaStreams(
                    AccountTopology.build(pipeline, registry, role), streamsProperties);
        } catch (RuntimeException e) {
            releaseLocalState(false);
            throw e;
        }
        streams = created;
        AppMetrics.bind(registry, created, this);
        streams.setUncaughtExceptionHandler(exception -> {
            Optional<KafkaException> denied = AccessDenied.in(exception);
            if (denied.isPresent()) {
                // Credentials and ACLs do not heal by replacing threads: one line, then stop.
                accessDenied = denied.get();
                LOG.error(
                        "Kafka refused this instance ({}: {}); shutting it down",
                        denied.get().getClass().getSimpleName(),
                        denied.get().getMessage());
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            int replaced = threadReplacements.incrementAndGet();
            if (replaced > maxThreadReplacements) {
                LOG.error("Stream thread died {} times; shutting this instance down", replaced, exception);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            LOG.error(
                    "Stream thread died ({} of {} replacements); replacing it",
                    replaced,
                    maxThreadReplacements,
                    exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Streams state {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        streams.start();
        return streams;
    }

    /** Waits until every task is assigned and running; fails if the instance stops or the time runs out. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        KafkaStreams current = streams();
        while (current.state() != KafkaStreams.State.RUNNING) {
            if (stopped.getCount() == 0) {
                throw new IllegalStateException(
                        "Kafka Streams stopped while starting: " + current.state(), accessDenied);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Kafka Streams did not reach RUNNING within " + timeout + " (state " + current.state() + ")");
            }
            Thread.sleep(50);
        }
    }

    /** Blocks until the instance stops by itself (error, or too many failed threads) or the latch is released. */
    public void awaitStopped(CountDownLatch stopRequested) throws InterruptedException {
        while (stopped.getCount() > 0 && stopRequested.getCount() > 0) {
            stopped.await(200, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized KafkaStreams streams() {
        return streams;
    }

    public int threadReplacements() {
        return threadReplacements.get();
    }

    /** Why the instance stopped, if Kafka refused its credentials or ACLs. */
    public Optional<KafkaException> accessDenied() {
        return Optional.ofNullable(accessDenied);
    }

    /**
     * The admin client settings among the Streams properties: bootstrap servers and security reach the
     * provisioning admin as they reach Streams' own clients.
     */
    static Map<String, Object> adminProperties(Properties streamsProperties) {
        Map<String, Object> admin = new HashMap<>();
        for (String name : AdminClientConfig.configNames()) {
            Object value = streamsProperties.get(name);
            if (value != null) {
                admin.put(name, value);
            }
        }
        return admin;
    }

    /**
     * Leaves the group and closes Kafka Streams. Only a close that completed in time, of an instance that had not
     * stopped in error, leaves the local state for the next instance on this directory ({@link LocalStateGuard}).
     */
    @Override
    public synchronized void close() {
        if (streams != null) {
            boolean stoppedInError = streams.state() == KafkaStreams.State.ERROR;
            boolean closedInTime = streams.close(
                    CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                            .withTimeout(closeTimeout));
            streams = null;
            releaseLocalState(closedInTime && !stoppedInError);
        }
    }

    private static LocalStateGuard acquireLocalState(Properties streamsProperties) {
        StreamsConfig config = new StreamsConfig(streamsProperties);
        try {
            return LocalStateGuard.acquire(
                    Path.of(config.getString(StreamsConfig.STATE_DIR_CONFIG)),
                    config.getString(StreamsConfig.APPLICATION_ID_CONFIG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the state directory in use", e);
        }
    }

    private void releaseLocalState(boolean stoppedCleanly) {
        try {
            if (stoppedCleanly) {
                localState.releaseStoppedCleanly();
            } else {
                localState.close();
            }
        } catch (IOException e) {
            // The marker stays: the next instance discards the state, which is always safe.
            LOG.warn("Could not release the state directory's marker", e);
        } finally {
            localState = null;
        }
    }
}
