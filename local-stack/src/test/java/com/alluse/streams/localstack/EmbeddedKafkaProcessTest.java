package com.alluse.streams.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.client.Deadline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The broker as its own JVM ({@link EmbeddedKafkaMain} started by {@link EmbeddedKafkaProcess}). */
@Timeout(180)
class EmbeddedKafkaProcessTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** 128 + SIGTERM(15): the JVM exited through its shutdown hooks. */
    private static final int EXIT_CODE_AFTER_SIGTERM = 143;

    @TempDir
    Path dataDir;

    @Test
    void shouldServeClientsFromAChildJvmAndShutDownCleanlyOnDestroy() throws Exception {
        try (EmbeddedKafkaProcess broker = EmbeddedKafkaProcess.builder(dataDir)
                .startTimeout(START_TIMEOUT)
                .start()) {
            assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(Files.readString(dataDir.resolve("embedded-kafka.out")))
                    .contains(EmbeddedKafkaMain.BOOTSTRAP_PREFIX + broker.bootstrapServers());

            List<String> sent = KafkaTestClients.values("child", 200);
            KafkaTestClients.createTopic(broker.bootstrapServers(), "from-child", 2);
            KafkaTestClients.produceCommitted(broker.bootstrapServers(), "from-child", sent);
            assertThat(KafkaTestClients.readAtLeast(
                            broker.bootstrapServers(), "from-child", IsolationLevel.READ_COMMITTED, sent.size()))
                    .containsExactlyInAnyOrderElementsOf(sent);

            // The child holds the data dir: an in-process broker on it must be refused, not corrupt it.
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(
                            EmbeddedKafkaConfig.builder(dataDir).build()))
                    .isInstanceOf(EmbeddedKafkaStartException.class)
                    .hasMessageContaining("is in use by another embedded broker");

            assertThat(broker.stop(STOP_TIMEOUT)).isEqualTo(EXIT_CODE_AFTER_SIGTERM);
            assertThat(broker.isAlive()).isFalse();
        }
        assertThat(dataDir.resolve("logs/.kafka_cleanshutdown"))
                .as("Kafka's clean-shutdown marker")
                .exists();
    }

    @Test
    void shouldKeepCommittedRecordsWhenTheBrokerProcessIsKilledAndTheDataDirStartedAgain() {
        killAfterCommitAndStartAgain(List.of(), null);
    }

    /**
     * The kill lands between the commit and its markers every time, as it sometimes does on a loaded machine:
     * the child parks its marker sender (see {@link HoldTxnMarkersAppender}), so commitTransaction() returns with
     * the transaction in PREPARE_COMMIT and no marker written. The restarted broker must write them. Before it
     * fenced the killed broker first ({@link DeadBrokerFence}), Kafka dropped them in every such run, and in most
     * read_committed then saw none of the 300 records, however long it waited.
     */
    @Test
    void shouldCompleteACommitWhoseMarkersWereNotWrittenWhenTheBrokerProcessWasKilled() {
        Path markersHeld = dataDir.resolve("txn-markers-held");
        killAfterCommitAndStartAgain(
                List.of(
                        "-Dlogback.configurationFile=" + HoldTxnMarkersAppender.CONFIG_RESOURCE,
                        "-D" + HoldTxnMarkersAppender.FLAG_PROPERTY + "=" + markersHeld),
                markersHeld);
    }

    /** Commits 300 records on a child broker, SIGKILLs it (after {@code awaitFile} exists, if given), restarts. */
    private void killAfterCommitAndStartAgain(List<String> extraJvmArgs, Path awaitFile) {
        List<String> sent = KafkaTestClients.values("survivor", 300);
        // After a kill the controller accepts the broker's new registration only once the old session expired.
        Map<String, String> fastSessionExpiry = Map.of(
                "broker.session.timeout.ms", "3000",
                "broker.heartbeat.interval.ms", "1000");
        List<String> jvmArgs = new ArrayList<>(EmbeddedKafkaProcess.DEFAULT_JVM_ARGS);
        jvmArgs.addAll(extraJvmArgs);
        EmbeddedKafkaProcess.Builder child = EmbeddedKafkaProcess.builder(dataDir)
                .startTimeout(START_TIMEOUT)
                .jvmArgs(jvmArgs);
        fastSessionExpiry.forEach(child::brokerProperty);
        String bootstrapServers;
        try (EmbeddedKafkaProcess broker = child.start()) {
            bootstrapServers = broker.bootstrapServers();
            KafkaTestClients.createTopic(bootstrapServers, "survives-kill", 2);
            KafkaTestClients.produceCommitted(bootstrapServers, "survives-kill", sent);
            if (awaitFile != null) {
                Deadline deadline = Deadline.after(KafkaTestClients.TIMEOUT);
                while (!Files.exists(awaitFile) && !deadline.isExpired()) {
                    deadline.pause(50);
                }
                assertThat(awaitFile).as("the child held its commit markers").exists();
            }
            broker.kill(STOP_TIMEOUT);
        }
        assertThat(dataDir.resolve("logs/.kafka_cleanshutdown")).doesNotExist();

        // Restarted in this JVM (faster than another child); the data dir format is the same.
        EmbeddedKafkaConfig restart = EmbeddedKafkaConfig.builder(dataDir)
                .brokerProperties(fastSessionExpiry)
                .build();
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(restart)) {
            // Same port: the restarted transaction coordinator sends the pending commit markers to it.
            assertThat(restarted.bootstrapServers()).isEqualTo(bootstrapServers);
            assertThat(KafkaTestClients.readAtLeast(
                            bootstrapServers, "survives-kill", IsolationLevel.READ_COMMITTED, sent.size()))
                    .containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void shouldReportAChildThatCannotStartWithItsError() {
        // An invalid port: the child prints its usage error to stderr and exits with code 2.
        assertThatThrownBy(() -> EmbeddedKafkaProcess.builder(dataDir).port(-1).start())
                .isInstanceOf(EmbeddedKafkaStartException.class)
                .hasMessageContaining("process exited before printing " + EmbeddedKafkaMain.BOOTSTRAP_PREFIX)
                .hasMessageContaining("exit code " + EmbeddedKafkaMain.EXIT_USAGE)
                .hasMessageContaining("port must be 0 (free port) or 1-65535: -1");
    }
}
