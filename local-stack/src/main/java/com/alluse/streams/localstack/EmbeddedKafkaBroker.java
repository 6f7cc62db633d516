package com.alluse.streams.localstack;

import com.alluse.streams.client.Deadline;
import com.alluse.streams.client.KafkaConnection;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) running in this JVM, listening on
 * 127.0.0.1 only; or, with a {@link KRaftNode} other than {@link KRaftNode#SINGLE}, one controller or broker of a
 * cluster (see {@link EmbeddedKafkaCluster}). It is the real server ({@link KafkaRaftServer}) on formatted storage, so it supports
 * transactions and restarts with its data when started again on the same data directory.
 *
 * <p>As in a real Kafka server, a fatal fault (a corrupt metadata log, a controller that cannot bind its
 * port) halts the JVM. Where that would take down more than the broker, use {@link EmbeddedKafkaProcess}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.builder(dir).build())) {
 *     String bootstrap = broker.bootstrapServers(); // "127.0.0.1:<port>"
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    /** Free ports are picked before Kafka binds them; another process may take one in between. */
    private static final int MAX_START_ATTEMPTS = 3;

    private static final long MIN_STARTUP_BUDGET_MS = 2_000;
    private static final long READY_POLL_MS = 100;
    private static final long MAX_READY_REQUEST_MS = 2_000;
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final EmbeddedKafkaConfig config;
    private final KafkaRaftServer server;
    private final DataDirLock lock;
    private final int port;
    private final String clusterId;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(
            EmbeddedKafkaConfig config, KafkaRaftServer server, DataDirLock lock, int port, String clusterId) {
        this.config = config;
        this.server = server;
        this.lock = lock;
        this.port = port;
        this.clusterId = clusterId;
    }

    /**
     * Formats the data directory if needed, starts the broker and blocks until an Admin client can describe
     * the cluster, all within {@link EmbeddedKafkaConfig#startTimeoutMs()}.
     *
     * @throws EmbeddedKafkaStartException if the broker is not ready in time or cannot start (e.g. port
     *                                     taken); whatever was started is shut down again
     */
    public static EmbeddedKafkaBroker start(EmbeddedKafkaConfig config) {
        long startNanos = System.nanoTime();
        Deadline deadline = Deadline.afterMs(config.startTimeoutMs());
        for (int attempt = 1; ; attempt++) {
            try {
                EmbeddedKafkaBroker broker = startOnce(config, deadline);
                LOG.info(
                        "Kafka broker ready at {} in {} ms (cluster id {}, data dir {})",
                        broker.bootstrapServers(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                        broker.clusterId,
                        config.dataDir());
                return broker;
            } catch (EmbeddedKafkaStartException e) {
                if (!mayRetry(config, e, attempt, deadline)) {
                    throw e;
                }
                LOG.warn("A picked free port was taken before the broker bound it; retrying: {}", e.getMessage());
            }
        }
    }

    /**
     * "127.0.0.1:port" for {@code bootstrap.servers}; for a controller-only node its controller endpoint, for
     * {@code bootstrap.controllers}.
     */
    public String bootstrapServers() {
        return BrokerProperties.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Kept in the data directory: the same on every start with that directory. */
    public String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /**
     * Client settings that reach this node (as its super user when secured), for Admin, producer and consumer
     * configs; for a controller-only node {@code bootstrap.controllers}, which only an Admin client takes.
     */
    public Map<String, Object> clientProperties() {
        return clientProperties(config, bootstrapServers());
    }

    private static Map<String, Object> clientProperties(EmbeddedKafkaConfig config, String bootstrapServers) {
        if (!config.node().role().hasBroker()) {
            return Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, bootstrapServers);
        }
        return BrokerSecurity.superUserOf(config.security(), bootstrapServers).clientProperties();
    }

    /**
     * This broker: PLAINTEXT, or as its super user when it runs with {@link BrokerSecurity}.
     *
     * @throws IllegalStateException on a controller-only node, which serves no {@code bootstrap.servers} clients
     */
    public KafkaConnection connection() {
        if (!config.node().role().hasBroker()) {
            throw new IllegalStateException("controller node " + config.node().nodeId() + " has no broker listener");
        }
        return BrokerSecurity.superUserOf(config.security(), bootstrapServers());
    }

    /**
     * This broker as one of the users of its {@link BrokerSecurity}.
     *
     * @throws IllegalStateException if the broker runs without security
     */
    public KafkaConnection connection(String user) {
        return BrokerSecurity.userOf(config.security(), bootstrapServers(), user);
    }

    /**
     * Creates ACLs as the super user and returns once the broker enforces them, within {@code timeout}.
     *
     * @throws IllegalStateException if creating them fails or the broker does not enforce them in time
     */
    public void grant(Collection<AclBinding> acls, Duration timeout) {
        AclGrants.grant(connection(), acls, timeout);
    }

    /**
     * Shuts the broker down and waits for it, within {@link EmbeddedKafkaConfig#closeTimeoutMs()}.
     * Idempotent.
     *
     * @throws IllegalStateException if the shutdown failed or did not finish in time
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        awaitShutdown(shutdownInBackground(server), config.closeTimeoutMs(), bootstrapServers());
        lock.close();
        LOG.info(
                "Kafka broker at {} stopped in {} ms",
                bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static EmbeddedKafkaBroker startOnce(EmbeddedKafkaConfig config, Deadline deadline) {
        DataDirLock lock = DataDirLock.acquire(config.dataDir());
        Ports ports;
        try {
            ports = Ports.choose(config);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        KafkaRaftServer server = null;
        try {
            // A broker-only node's controller runs elsewhere and fences its dead predecessor itself.
            boolean previousBrokerDied =
                    config.node().role() == KRaftNode.Role.COMBINED && DeadBrokerFence.isNeeded(config.dataDir());
            Properties props = BrokerProperties.build(config, ports.broker(), ports.controller());
            String clusterId = KafkaStorage.prepare(config.dataDir(), props, config.clusterId(), config.security());
            if (previousBrokerDied) {
                // Else the restarted transaction coordinator can drop pending commit markers: see DeadBrokerFence.
                props.put(BrokerProperties.STARTUP_BUDGET_MS, String.valueOf(startupBudgetMs(deadline)));
                DeadBrokerFence.fence(props, deadline);
            }
            props.put(BrokerProperties.STARTUP_BUDGET_MS, String.valueOf(startupBudgetMs(deadline)));
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            String bootstrapServers = BrokerProperties.HOST + ":" + ports.clientPort(config.node());
            awaitReady(config.node().nodeId(), clientProperties(config, bootstrapServers), deadline);
            if (config.security() != null) {
                ScramUsers.upsert(
                        BrokerSecurity.superUserOf(config.security(), bootstrapServers), config.security(), deadline);
            }
            return new EmbeddedKafkaBroker(config, server, lock, ports.clientPort(config.node()), clusterId);
        } catch (Exception e) { // Kafka's Scala code also throws undeclared checked exceptions (TimeoutException)
            stopAfterFailedStart(server, lock, config);
            throw new EmbeddedKafkaStartException(
                    "Kafka " + config.node().role().processRoles() + " node "
                            + config.node().nodeId() + " on "
                            + BrokerProperties.HOST + ":" + ports.clientPort(config.node())
                            + " (controller port " + ports.controller() + ", data dir " + config.dataDir()
                            + ") did not start within " + config.startTimeoutMs() + " ms: " + rootMessage(e),
                    e);
        }
    }

    /**
     * Kafka's own bound on the waits inside {@code startup()}. A timeout in its controller phase is a fatal
     * fault that halts the JVM, so startup is not attempted with less than {@link #MIN_STARTUP_BUDGET_MS}
     * left; the broker phase times out cleanly.
     */
    private static long startupBudgetMs(Deadline deadline) {
        long remainingMs = deadline.remainingMs();
        if (remainingMs < MIN_STARTUP_BUDGET_MS) {
            throw new IllegalStateException("only " + remainingMs + " ms of the start timeout left after "
                    + "formatting the storage; at least " + MIN_STARTUP_BUDGET_MS + " ms are needed");
        }
        return remainingMs;
    }

    private static boolean mayRetry(EmbeddedKafkaConfig config, Exception e, int attempt, Deadline deadline) {
        KRaftNode.Role role = config.node().role();
        boolean portsPicked =
                (role.hasBroker() && config.port() == 0) || (role.hasController() && config.controllerPort() == 0);
        return portsPicked && attempt < MAX_START_ATTEMPTS && isBindFailure(e) && !deadline.isExpired();
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Until an Admin client lists the node, it is not ready for the app or tests: a broker is listed once the
     * controller has unfenced its registration, a controller once its quorum has a leader.
     */
    private static void awaitReady(int nodeId, Map<String, Object> clientProperties, Deadline deadline) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) MAX_READY_REQUEST_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) MAX_READY_REQUEST_MS);
        Admin admin = Admin.create(props);
        try {
            awaitNodeListed(admin, nodeId, deadline);
        } finally {
            admin.close(ADMIN_CLOSE_TIMEOUT);
        }
    }

    private static void awaitNodeListed(Admin admin, int nodeId, Deadline deadline) {
        String lastError = "start timeout spent before the broker could be asked";
        while (!deadline.isExpired()) {
            try {
                if (describeClusterNodes(admin, deadline).stream().anyMatch(node -> node.id() == nodeId)) {
                    return;
                }
                lastError = "cluster does not list node " + nodeId + " yet";
            } catch (ExecutionException | TimeoutException e) {
                lastError = rootMessage(e);
            }
            deadline.pause(READY_POLL_MS);
        }
        throw new IllegalStateException(
                "Admin client could not describe the cluster in time; last error: " + lastError);
    }

    private static Collection<Node> describeClusterNodes(Admin admin, Deadline deadline)
            throws ExecutionException, TimeoutException {
        long requestMs = Math.max(1, Math.min(MAX_READY_REQUEST_MS, deadline.remainingMs()));
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) requestMs);
        try {
            return admin.describeCluster(options).nodes().get(requestMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    /** Kafka cleans up a failed broker itself, but a started controller keeps running until shut down. */
    private static void stopAfterFailedStart(KafkaRaftServer server, DataDirLock lock, EmbeddedKafkaConfig config) {
        try {
            if (server != null) {
                awaitShutdown(shutdownInBackground(server), config.closeTimeoutMs(), "failed start");
            }
            lock.close();
        } catch (RuntimeException e) {
            // The data dir stays locked: a broker that may still be running must not get a second one.
            LOG.warn("Shutting down the Kafka broker after a failed start failed too", e);
        }
    }

    /** Kafka's shutdown has no timeout of its own: run it on a thread that close() can stop waiting for. */
    private static ShutdownThread shutdownInBackground(KafkaRaftServer server) {
        ShutdownThread thread = new ShutdownThread(server);
        thread.start();
        return thread;
    }

    private static void awaitShutdown(ShutdownThread thread, long timeoutMs, String what) {
        try {
            thread.join(timeoutMs);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(
                    "Kafka broker (" + what + ") did not shut down within " + timeoutMs + " ms");
        }
        if (thread.failure.get() != null) {
            throw new IllegalStateException("Kafka broker (" + what + ") shutdown failed", thread.failure.get());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e
                ? String.valueOf(e.getMessage())
                : e.getMessage() + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** The listener ports of one start attempt; {@link #UNUSED} for a listener the node's role does not have. */
    private record Ports(int broker, int controller) {

        static final int UNUSED = -1;

        /** The port clients connect to: the broker listener, or a controller-only node's controller listener. */
        int clientPort(KRaftNode node) {
            return node.role().hasBroker() ? broker : controller;
        }

        static Ports choose(EmbeddedKafkaConfig config) {
            Properties previous = KafkaStorage.previousServerProperties(config.dataDir());
            KRaftNode.Role role = config.node().role();
            int broker = role.hasBroker()
                    ? choose(
                            config.port(),
                            BrokerProperties.listenerPort(previous, BrokerProperties.brokerListener(config)),
                            "port")
                    : UNUSED;
            int controller = role.hasController()
                    ? choose(
                            config.controllerPort(),
                            BrokerProperties.listenerPort(previous, BrokerProperties.CONTROLLER_LISTENER),
                            "controllerPort")
                    : UNUSED;
            // A previous start's port may be the other listener's port now; the config forbids two equal fixed ones.
            while (role == KRaftNode.Role.COMBINED && controller == broker) {
                if (config.controllerPort() == 0) {
                    controller = LoopbackPorts.pickFree();
                } else {
                    broker = LoopbackPorts.pickFree();
                }
            }
            return new Ports(broker, controller);
        }

        /**
         * A fixed port that is taken fails fast with a clear message instead of deep inside Kafka's startup.
         * A free port is the previous start's one if possible: after a restart, Kafka keeps sending pending
         * transaction markers to the endpoint registered before, so a new port delays them by ~30 s.
         */
        private static int choose(int configured, OptionalInt previous, String name) {
            if (configured != 0) {
                if (!LoopbackPorts.isFree(configured)) {
                    throw new EmbeddedKafkaStartException("Kafka broker cannot start: " + name + " "
                            + BrokerProperties.HOST + ":" + configured
                            + " is already in use (another broker running?)");
                }
                return configured;
            }
            if (previous.isPresent() && LoopbackPorts.isFree(previous.getAsInt())) {
                return previous.getAsInt();
            }
            return LoopbackPorts.pickFree();
        }
    }

    /** Daemon, so a hung Kafka shutdown cannot keep the JVM alive. */
    private static final class ShutdownThread extends Thread {
        private final KafkaRaftServer server;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        ShutdownThread(KafkaRaftServer server) {
            super("embedded-kafka-shutdown");
            this.server = server;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Throwable t) {
                failure.set(t);
            }
        }
    }
}
