package com.alluse.streams.localstack;

import static com.alluse.streams.localstack.KafkaTestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.client.TopicReadiness;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One broker shared by the client-facing tests: each test uses its own topic. */
@Timeout(180)
class EmbeddedKafkaBrokerTest {

    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.builder(dataDir).build());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldStartOnFreePortBoundToLoopbackAndReportBootstrap() throws Exception {
        assertThat(broker.port()).isPositive();
        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            Collection<Node> nodes = admin.describeCluster().nodes().get();
            assertThat(nodes).singleElement().satisfies(node -> {
                assertThat(node.host()).isEqualTo("127.0.0.1");
                assertThat(node.port()).isEqualTo(broker.port());
            });
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(broker.clusterId());
        }
        Optional<InetAddress> external = nonLoopbackAddress();
        if (external.isPresent()) {
            assertThat(accepts(external.get(), broker.port()))
                    .as("listening on %s", external.get())
                    .isFalse();
        }
    }

    @Test
    void shouldDeliverExactlyTheCommittedTransactionalRecordsToReadCommittedConsumer() {
        String topic = "committed";
        KafkaTestClients.createTopic(broker.bootstrapServers(), topic, 3);
        List<String> sent = KafkaTestClients.values("v", 1_000);

        KafkaTestClients.produceCommitted(broker.bootstrapServers(), topic, sent);

        List<String> read = KafkaTestClients.readAtLeast(
                broker.bootstrapServers(), topic, IsolationLevel.READ_COMMITTED, sent.size());
        assertThat(read).hasSize(sent.size()).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void shouldHideAnAbortedTransactionFromReadCommittedConsumer() {
        String topic = "aborted";
        KafkaTestClients.createTopic(broker.bootstrapServers(), topic, 2);
        List<String> aborted = KafkaTestClients.values("aborted", 100);
        List<String> committed = KafkaTestClients.values("committed", 50);

        try (KafkaProducer<String, String> producer =
                KafkaTestClients.transactionalProducer(broker.bootstrapServers())) {
            producer.initTransactions();
            KafkaTestClients.sendInTransaction(producer, topic, aborted, false);
            KafkaTestClients.sendInTransaction(producer, topic, committed, true);
        }

        assertThat(KafkaTestClients.readAtLeast(
                        broker.bootstrapServers(), topic, IsolationLevel.READ_COMMITTED, committed.size()))
                .containsExactlyInAnyOrderElementsOf(committed);
        assertThat(KafkaTestClients.readAtLeast(
                        broker.bootstrapServers(),
                        topic,
                        IsolationLevel.READ_UNCOMMITTED,
                        aborted.size() + committed.size()))
                .as("the aborted records were written, only hidden")
                .hasSize(aborted.size() + committed.size());
    }

    @Test
    void shouldReportATopicThatDoesNotExistAsNotWritableWithinTheTimeout() throws Exception {
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS); // connected and warm

            long startNanos = System.nanoTime();
            assertThatThrownBy(() -> TopicReadiness.awaitWritable(admin, List.of("missing"), Duration.ofSeconds(5)))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("topics [missing] not writable within 5000 ms")
                    .hasMessageContaining("UnknownTopicOrPartitionException");
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void shouldNotCreateTopicsAutomatically() throws Exception {
        // A consumer's metadata request asks the broker to auto-create (allow.auto.create.topics=true).
        try (KafkaConsumer<String, String> consumer =
                KafkaTestClients.consumer(broker.bootstrapServers(), IsolationLevel.READ_COMMITTED)) {
            assertThat(consumer.partitionsFor("never-created", TIMEOUT)).isEmpty();
        }
        try (Admin admin = KafkaTestClients.admin(broker.bootstrapServers())) {
            assertThat(admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .doesNotContain("never-created");
        }
    }

    /** Any address of this host other than loopback, to prove the broker does not listen there. */
    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(EmbeddedKafkaBrokerTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst();
    }

    private static boolean accepts(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (ConnectException | SocketTimeoutException e) {
            return false;
        }
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
