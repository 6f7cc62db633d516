package com.alluse.streams.localstack;

import com.alluse.streams.client.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster on loopback: one controller and several brokers, each in its own child JVM
 * ({@link EmbeddedKafkaProcess}), so a test can SIGKILL one broker and start it again on the same data directory
 * and port. Every topic, the internal ones included (consumer offsets, transaction state log), has one replica
 * per broker and needs all but one in sync ({@code min.insync.replicas}): with three brokers, acks=all writes
 * survive the loss of any one broker and are refused, not half-written, when two are gone.
 *
 * <p>One controller because three do not run in Kafka 4.3.1's own test kit (its raft threads die); the brokers
 * are what a test kills. Broker ids are 1..n, the controller's is {@link #CONTROLLER_ID}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.builder(dir).start()) {
 *     int leader = cluster.leaderOf(new TopicPartition("commands", 0));
 *     cluster.kill(leader);
 *     cluster.restart(leader);
 *     cluster.awaitReplicasInSync(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    public static final int CONTROLLER_ID = 100;
    public static final int DEFAULT_BROKERS = 3;
    /** Enough brokers to survive one loss with two replicas still in sync. */
    public static final int MIN_BROKERS = 3;

    public static final int MAX_BROKERS = 9;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final long POLL_MS = 200;
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int ADMIN_REQUEST_TIMEOUT_MS = 5_000;

    private final Builder options;
    private final EmbeddedKafkaProcess controller;
    // Concurrent: restartStopped() starts several brokers at once.
    private final Map<Integer, EmbeddedKafkaProcess> brokers = new ConcurrentSkipListMap<>();
    private final Map<Integer, Integer> brokerPorts = new TreeMap<>();
    private final Admin admin;

    private EmbeddedKafkaCluster(
            Builder options, EmbeddedKafkaProcess controller, Map<Integer, EmbeddedKafkaProcess> started) {
        this.options = options;
        this.controller = controller;
        brokers.putAll(started);
        started.forEach((id, broker) -> brokerPorts.put(id, port(broker.bootstrapServers())));
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_REQUEST_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_REQUEST_TIMEOUT_MS));
    }

    /** Options of the cluster; only the root data directory (one sub-directory per node) is required. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /**
     * The broker settings of an n-broker cluster: n replicas of every topic, the internal ones included, and
     * n - 1 of them in sync for an acks=all write (transaction state log included).
     */
    public static Map<String, String> replicationProperties(int brokers) {
        String replicas = String.valueOf(brokers);
        String minInSync = String.valueOf(brokers - 1);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minInSync);
        props.put("offsets.topic.replication.factor", replicas);
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minInSync);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minInSync);
        // A leader lost to a crash is never replaced by a replica that missed acknowledged writes.
        props.put("unclean.leader.election.enable", "false");
        return Map.copyOf(props);
    }

    private static EmbeddedKafkaCluster start(Builder options) {
        long startNanos = System.nanoTime();
        EmbeddedKafkaProcess controller = options.process(options.dataDir.resolve("controller"))
                .node(KRaftNode.controller(CONTROLLER_ID))
                .start();
        int controllerPort = port(controller.bootstrapServers());
        Map<Integer, EmbeddedKafkaProcess> started = new ConcurrentSkipListMap<>();
        // In parallel: each child JVM spends most of its start waiting (JVM start, registration).
        RuntimeException failure = inParallel(IntStream.rangeClosed(1, options.brokers)
                .<Runnable>mapToObj(id -> () -> started.put(id, startBroker(options, id, controllerPort, 0)))
                .toList());
        if (failure != null) {
            started.values().forEach(EmbeddedKafkaProcess::close);
            controller.close();
            throw failure;
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(options, controller, started);
        LOG.info(
                "Kafka cluster ready in {} ms: controller {}, brokers {}",
                elapsedMs(startNanos),
                controller.bootstrapServers(),
                cluster.bootstrapServers());
        return cluster;
    }

    private static EmbeddedKafkaProcess startBroker(Builder options, int brokerId, int controllerPort, int port) {
        return options.process(brokerDir(options.dataDir, brokerId))
                .node(KRaftNode.broker(brokerId, CONTROLLER_ID, controllerPort))
                .port(port)
                .start();
    }

    private static Path brokerDir(Path dataDir, int brokerId) {
        return dataDir.resolve("broker-" + brokerId);
    }

    /** Every broker's endpoint, running or not: clients keep them across kills and restarts. */
    public String bootstrapServers() {
        return brokerPorts.values().stream()
                .map(port -> BrokerProperties.HOST + ":" + port)
                .collect(Collectors.joining(","));
    }

    /** The endpoint of one broker, e.g. for a client that must reach only it. */
    public String bootstrapServers(int brokerId) {
        return BrokerProperties.HOST + ":" + requireBroker(brokerId);
    }

    /** 1..n, in order (a rolling restart goes through them in this order). */
    public Set<Integer> brokerIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(brokerPorts.keySet()));
    }

    /** The data directory of one broker (its logs: {@code embedded-kafka.out} and {@code .err}). */
    public Path dataDir(int brokerId) {
        requireBroker(brokerId);
        return brokerDir(options.dataDir, brokerId);
    }

    public boolean isRunning(int brokerId) {
        requireBroker(brokerId);
        EmbeddedKafkaProcess broker = brokers.get(brokerId);
        return broker != null && broker.isAlive();
    }

    /** The broker leading the partition, or -1 while it has no leader. */
    public int leaderOf(TopicPartition partition) {
        TopicPartitionInfo info = describe(List.of(partition.topic()))
                .get(partition.topic())
                .partitions()
                .get(partition.partition());
        Node leader = info.leader();
        return leader == null || leader.isEmpty() ? -1 : leader.id();
    }

    /** The leader of each partition of the topic (-1 where it has none), by partition number. */
    public Map<Integer, Integer> leaders(String topic) {
        Map<Integer, Integer> leaders = new TreeMap<>();
        for (TopicPartitionInfo info : describe(List.of(topic)).get(topic).partitions()) {
            Node leader = info.leader();
            leaders.put(info.partition(), leader == null || leader.isEmpty() ? -1 : leader.id());
        }
        return leaders;
    }

    /**
     * The broker coordinating the transactional id: the leader of its {@code __transaction_state} partition.
     *
     * @throws IllegalStateException if the cluster does not know the id (no producer initialised it)
     */
    public int transactionCoordinatorOf(String transactionalId) {
        return get(admin.describeTransactions(List.of(transactionalId)).description(transactionalId))
                .coordinatorId();
    }

    /** The transactional ids the cluster knows (any state), e.g. those of a Kafka Streams application. */
    public Set<String> transactionalIds() {
        return get(admin.listTransactions().all()).stream()
                .map(TransactionListing::transactionalId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * SIGKILL: no controlled shutdown, like a crashed machine. Its partitions get new leaders once the controller
     * fences it, after {@code broker.session.timeout.ms} (9 s by default) without a heartbeat.
     */
    public void kill(int brokerId) {
        running(brokerId).kill(EmbeddedKafkaProcess.DEFAULT_STOP_TIMEOUT);
    }

    /** SIGTERM: a controlled shutdown that moves its leaderships to the other in-sync replicas first. */
    public void stop(int brokerId) {
        running(brokerId).stop(EmbeddedKafkaProcess.DEFAULT_STOP_TIMEOUT);
    }

    /**
     * Starts a stopped or killed broker again on its data directory and port, and blocks until the controller has
     * unfenced it. After a kill that waits out the dead process's broker session first.
     */
    public void restart(int brokerId) {
        int port = requireBroker(brokerId);
        if (isRunning(brokerId)) {
            throw new IllegalStateException("broker " + brokerId + " is running");
        }
        long startNanos = System.nanoTime();
        brokers.put(brokerId, startBroker(options, brokerId, port(controller.bootstrapServers()), port));
        LOG.info("Kafka broker {} restarted in {} ms", brokerId, elapsedMs(startNanos));
    }

    /** Starts every stopped or killed broker again, in parallel, and blocks until all are unfenced. */
    public void restartStopped() {
        RuntimeException failure = inParallel(brokerIds().stream()
                .filter(id -> !isRunning(id))
                .<Runnable>map(id -> () -> restart(id))
                .toList());
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Runs the tasks on threads of their own (not the common pool: it has one thread on a 2-core machine) and
     * waits for all of them.
     *
     * @return the first task's failure, or null
     */
    private static RuntimeException inParallel(List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return null;
        }
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            List<CompletableFuture<Void>> running = tasks.stream()
                    .map(task -> CompletableFuture.runAsync(task, threads))
                    .toList();
            RuntimeException failure = null;
            for (CompletableFuture<Void> task : running) {
                try {
                    task.join();
                } catch (CompletionException e) {
                    failure = failure == null ? unwrap(e) : failure;
                }
            }
            return failure;
        } finally {
            threads.shutdown();
        }
    }

    /**
     * Waits until the cluster no longer lists the broker as alive: the controller has fenced it and, in the same
     * metadata update, given its partitions new leaders (after a {@link #kill}, {@code broker.session.timeout.ms}).
     */
    public void awaitFenced(int brokerId, Duration timeout) {
        requireBroker(brokerId);
        Deadline deadline = Deadline.after(timeout);
        while (!deadline.isExpired()) {
            try {
                if (get(admin.describeCluster().nodes()).stream().noneMatch(node -> node.id() == brokerId)) {
                    return;
                }
            } catch (IllegalStateException e) {
                // A request that went to the dead broker: ask again.
            }
            deadline.pause(POLL_MS);
        }
        throw new IllegalStateException("broker " + brokerId + " still listed after " + timeout.toMillis() + " ms");
    }

    /**
     * Waits until every partition of every topic (internal ones included) has a leader and all its replicas in
     * sync: after a restart, the restarted broker has caught up and the cluster can lose another one.
     *
     * @throws IllegalStateException naming the partitions still short of replicas when the timeout expires
     */
    public void awaitReplicasInSync(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        List<String> lagging = List.of("not asked yet");
        while (!deadline.isExpired()) {
            try {
                lagging = laggingPartitions();
                if (lagging.isEmpty()) {
                    return;
                }
            } catch (IllegalStateException e) {
                lagging = List.of("describe failed: " + e.getMessage());
            }
            deadline.pause(POLL_MS);
        }
        throw new IllegalStateException(
                "replicas not in sync within " + timeout.toMillis() + " ms: " + String.join(", ", lagging));
    }

    private List<String> laggingPartitions() {
        Collection<String> topics =
                get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
        List<String> lagging = new ArrayList<>();
        describe(topics).forEach((topic, description) -> {
            for (TopicPartitionInfo info : description.partitions()) {
                if (info.leader() == null
                        || info.leader().isEmpty()
                        || info.isr().size() < info.replicas().size()) {
                    lagging.add(
                            topic + "-" + info.partition() + " isr " + ids(info.isr()) + " of " + ids(info.replicas()));
                }
            }
        });
        return lagging;
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    /** Stops the brokers together (SIGTERM, SIGKILL if one hangs), then the controller. */
    @Override
    public void close() {
        admin.close(ADMIN_CLOSE_TIMEOUT);
        RuntimeException failure = inParallel(
                brokers.values().stream().<Runnable>map(broker -> broker::close).toList());
        controller.close();
        if (failure != null) {
            throw failure;
        }
    }

    private Map<String, TopicDescription> describe(Collection<String> topics) {
        return get(admin.describeTopics(topics).allTopicNames());
    }

    private EmbeddedKafkaProcess running(int brokerId) {
        if (!isRunning(brokerId)) {
            throw new IllegalStateException("broker " + brokerId + " is not running");
        }
        return brokers.get(brokerId);
    }

    private int requireBroker(int brokerId) {
        Integer port = brokerPorts.get(brokerId);
        if (port == null) {
            throw new IllegalArgumentException("no broker " + brokerId + "; brokers are " + brokerPorts.keySet());
        }
        return port;
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + ADMIN_REQUEST_TIMEOUT_MS + " ms", e);
        }
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
    }

    /** Options of the cluster's nodes. */
    public static final class Builder {
        private final Path dataDir;
        private int brokers = DEFAULT_BROKERS;
        private Duration startTimeout = Duration.ofMillis(EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT_MS);
        private List<String> jvmArgs = EmbeddedKafkaProcess.DEFAULT_JVM_ARGS;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final String clusterId = Uuid.randomUuid().toString();

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir is required");
        }

        /** {@value #DEFAULT_BROKERS} by default, at least {@value #MIN_BROKERS}. */
        public Builder brokers(int brokers) {
            if (brokers < MIN_BROKERS || brokers > MAX_BROKERS) {
                throw new IllegalArgumentException(
                        "brokers must be within " + MIN_BROKERS + ".." + MAX_BROKERS + ": " + brokers);
            }
            this.brokers = brokers;
            return this;
        }

        /** Bound on each node's start (a restart after a kill included). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        public Builder jvmArgs(List<String> jvmArgs) {
            this.jvmArgs = List.copyOf(jvmArgs);
            return this;
        }

        /** Applied to every node after {@link #replicationProperties(int)}, so it may override them. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /** Starts the controller, then the brokers, and blocks until every broker is registered and unfenced. */
        public EmbeddedKafkaCluster start() {
            return EmbeddedKafkaCluster.start(this);
        }

        private EmbeddedKafkaProcess.Builder process(Path nodeDir) {
            EmbeddedKafkaProcess.Builder process = EmbeddedKafkaProcess.builder(nodeDir)
                    .clusterId(clusterId)
                    .startTimeout(startTimeout)
                    .jvmArgs(jvmArgs);
            replicationProperties(brokers).forEach(process::brokerProperty);
            brokerProperties.forEach(process::brokerProperty);
            return process;
        }
    }
}
