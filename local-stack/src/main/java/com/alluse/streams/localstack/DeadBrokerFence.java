package com.alluse.streams.localstack;

import com.alluse.streams.client.Deadline;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.storage.internals.checkpoint.CleanShutdownFileHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a broker starts again on a data directory whose previous broker died without a clean shutdown (SIGKILL,
 * crash, halt), runs the KRaft controller alone on it until the controller has fenced the dead broker.
 *
 * <p>Why: the metadata log still registers the dead broker as alive (unfenced) and as the leader of every
 * partition. A combined broker+controller started directly on it publishes that stale image first: its
 * transaction coordinator loads every transaction left in PREPARE_COMMIT (commitTransaction() had returned, the
 * markers were not yet written) and sends the commit markers to itself, but its listener only opens once the
 * controller unfences the new registration, which it refuses until the dead one's session expires
 * ({@code broker.session.timeout.ms}). When that session expires the controller fences the dead broker and every
 * partition is briefly leaderless. Kafka 4.3.1's {@code TransactionMarkerChannelManager} treats a marker whose
 * partition has no leader as one for a deleted topic: it drops the partitions from the transaction and writes
 * COMPLETE_COMMIT without any marker. The data partitions keep an open transaction forever, their last stable
 * offset stays at its first offset, and read_committed consumers see none of the committed records (observed:
 * "Couldn't find leader endpoint for partitions ... likely deleted already" in the broker log, the coordinator
 * listing the transaction as CompleteCommit, DescribeProducers showing it open at offset 0).
 *
 * <p>Fencing the dead broker while no broker is running removes that window: the combined server then starts
 * from an image in which the old registration is fenced and the partitions have no leader, so no coordinator
 * loads anything until the new registration is unfenced (accepted at once, as nothing holds the broker id), and
 * from then on the partition leaders stay put and the pending markers are delivered.
 */
final class DeadBrokerFence {

    private static final Logger LOG = LoggerFactory.getLogger(DeadBrokerFence.class);
    private static final long POLL_MS = 100;
    /** Controller start and activation, then its stale-session check (every eighth of the session timeout). */
    private static final long FENCE_MARGIN_MS = 10_000;

    private static final String ACTIVE_BROKERS = "kafka.controller:type=KafkaController,name=ActiveBrokerCount";
    private static final String FENCED_BROKERS = "kafka.controller:type=KafkaController,name=FencedBrokerCount";

    private DeadBrokerFence() {}

    /**
     * True if a broker ran on this data directory and did not shut down cleanly. Read before {@code prepare}
     * rewrites server.properties: a formatted directory that never had a start needs no fencing.
     */
    static boolean isNeeded(Path dataDir) {
        Path logDir = BrokerProperties.logDir(dataDir);
        return !KafkaStorage.previousServerProperties(dataDir).isEmpty()
                && Files.isRegularFile(logDir.resolve("meta.properties"))
                && !Files.exists(logDir.resolve(CleanShutdownFileHandler.CLEAN_SHUTDOWN_FILE_NAME));
    }

    /** Runs the controller alone with the combined server's settings until no broker is registered as alive. */
    static void fence(Properties combined, Deadline deadline) {
        KafkaConfig config = KafkaConfig.fromProps(controllerOnly(combined), false);
        long startNanos = System.nanoTime();
        KafkaRaftServer controller = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            controller.startup();
            awaitNoLiveBroker(config.brokerSessionTimeoutMs(), deadline);
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
        LOG.info(
                "Fenced the broker that was not shut down cleanly in {} ms before starting again",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static Properties controllerOnly(Properties combined) {
        Properties props = new Properties();
        props.putAll(combined);
        props.put("process.roles", "controller");
        String controllerListener = BrokerProperties.CONTROLLER_LISTENER + "://";
        for (String listener : combined.getProperty("listeners").split(",")) {
            if (listener.strip().startsWith(controllerListener)) {
                props.put("listeners", listener.strip());
            }
        }
        props.remove("advertised.listeners");
        props.remove("inter.broker.listener.name");
        return props;
    }

    /**
     * The controller's own gauges, read from this JVM's platform MBean server (the controller runs here). The dead
     * broker is fenced once its session, started when this controller became active, times out: then no broker is
     * active and one is fenced. Both gauges read 0 until the controller has published the metadata, and stay 0 if
     * the previous broker never registered; if the fence is not seen within the session timeout plus
     * {@link #FENCE_MARGIN_MS}, the start goes on as it would have without this step (with a warning). The gauges
     * are JVM-wide: with another Kafka controller running in this JVM they may be that one's, and the wait ends at
     * that bound.
     */
    private static void awaitNoLiveBroker(long sessionTimeoutMs, Deadline deadline) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long boundMs = Math.min(sessionTimeoutMs + FENCE_MARGIN_MS, deadline.remainingMs());
        Deadline fenceDeadline = Deadline.afterMs(boundMs);
        while (!fenceDeadline.isExpired()) {
            if (gauge(server, ACTIVE_BROKERS) == 0 && gauge(server, FENCED_BROKERS) > 0) {
                return;
            }
            fenceDeadline.pause(POLL_MS);
        }
        LOG.warn(
                "The controller did not report the broker that was not shut down cleanly as fenced within {} ms; "
                        + "starting anyway (pending transaction markers may be lost)",
                boundMs);
    }

    private static int gauge(MBeanServer server, String name) {
        try {
            ObjectName objectName = new ObjectName(name);
            return server.isRegistered(objectName) ? ((Number) server.getAttribute(objectName, "Value")).intValue() : 0;
        } catch (JMException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
