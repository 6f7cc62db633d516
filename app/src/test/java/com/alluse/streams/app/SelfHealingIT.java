package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.http.ApiServer;
import com.alluse.streams.http.HttpSettings;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.CommandMix;
import com.alluse.streams.topology.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into a running instance: a stream thread that dies is replaced and the record
 * it died on is processed once; an instance whose threads keep dying reports not-live; readiness
 * drops during a rebalance and comes back; a broker outage is ridden out.
 */
@Timeout(300)
class SelfHealingIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final byte[] GARBAGE = "not a command".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void startBroker() {
        kafka = new BrokerFixture(dir);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        kafka.close();
    }

    /** An instance with its HTTP API, as `alluse run` wires it. */
    private record Instance(AccountStreamsApp app, ApiServer api) {}

    private Instance startInstance(String name, int maxThreadReplacements) throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ApiServer api = ApiServer.start(HttpSettings.local("127.0.0.1", 0), registry);
        Properties props = new StreamsSettings(
                        StreamsSettings.DEFAULT_APPLICATION_ID,
                        kafka.bootstrapServers(),
                        dir.resolve(name),
                        1,
                        0,
                        StreamsConfig.EXACTLY_ONCE_V2,
                        100,
                        32L * 1024 * 1024,
                        (short) 1,
                        api.applicationServer(),
                        java.util.Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"))
                .toProperties();
        AccountStreamsApp app = new AccountStreamsApp(
                kafka.pipeline(3), props, Duration.ofSeconds(30), registry, maxThreadReplacements);
        closeables.add(api);
        closeables.add(app);
        api.attach(
                app.start(WAIT), kafka.topics, KafkaConnection.plaintext(kafka.bootstrapServers()), kafka.serdeConfig);
        app.awaitRunning(WAIT);
        return new Instance(app, api);
    }

    private int status(ApiServer api, String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private void processSomeCommands(int count, long seed) {
        List<AccountCommand> commands = new CommandMix(seed, 5, 100_00).generate(count);
        int before = kafka.readToEnd(kafka.topics.commandResults(), CommandResult.class, WAIT)
                .size();
        kafka.produce(commands);
        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= before + count, WAIT);
    }

    @Test
    void shouldReplaceAStreamThreadThatDiedAndProcessItsRecordOnce() throws Exception {
        Instance instance = startInstance("replace", AccountStreamsApp.DEFAULT_MAX_THREAD_REPLACEMENTS);
        processSomeCommands(20, 1);
        kafka.stopRegistry();

        // The first dead letter needs its schema registered: with the registry down, writing it fails and the thread
        // dies.
        kafka.produceRaw(kafka.topics.commands(), "P0".getBytes(StandardCharsets.UTF_8), GARBAGE);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (instance.app().threadReplacements() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        kafka.restartRegistry();

        assertThat(instance.app().threadReplacements()).as("threads replaced").isPositive();
        List<DeadLetter> letters =
                kafka.readUntil(kafka.topics.deadLetters(), DeadLetter.class, l -> !l.isEmpty(), WAIT);
        assertThat(letters)
                .as("the record the thread died on, dead-lettered once")
                .hasSize(1);
        processSomeCommands(20, 2);
        assertThat(instance.app().streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(status(instance.api(), "/health/live")).isEqualTo(200);
    }

    @Test
    void shouldReportNotLiveWhenThreadsKeepDying() throws Exception {
        Instance instance = startInstance("give-up", 1);
        processSomeCommands(10, 3);
        kafka.stopRegistry();

        kafka.produceRaw(kafka.topics.commands(), "P0".getBytes(StandardCharsets.UTF_8), GARBAGE);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (status(instance.api(), "/health/live") == 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        assertThat(status(instance.api(), "/health/live"))
                .as("not live: its orchestrator must restart it")
                .isEqualTo(503);
        assertThat(status(instance.api(), "/health/ready")).isEqualTo(503);
        assertThat(instance.app().threadReplacements()).isEqualTo(2);
        kafka.restartRegistry();
    }

    @Test
    void shouldDropReadinessDuringARebalanceAndRecover() throws Exception {
        Instance first = startInstance("first", AccountStreamsApp.DEFAULT_MAX_THREAD_REPLACEMENTS);
        assertThat(status(first.api(), "/health/ready")).isEqualTo(200);
        List<Integer> seen = new ArrayList<>();
        // A flag, not an interrupt, stops the watcher: an interrupt that lands inside the HTTP call is
        // consumed there, and the watcher then ran on for the rest of WAIT (the test once took 174 s, not 52).
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            long end = System.nanoTime() + WAIT.toNanos();
            while (watching.get() && System.nanoTime() < end) {
                seen.add(status(first.api(), "/health/ready"));
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();

        startInstance("second", AccountStreamsApp.DEFAULT_MAX_THREAD_REPLACEMENTS);
        first.app().awaitRunning(WAIT);
        Thread.sleep(500);
        watching.set(false);
        watcher.join();

        assertThat(seen).as("readiness dropped during the rebalance").contains(503);
        assertThat(seen.get(seen.size() - 1)).as("and came back").isEqualTo(200);
        assertThat(status(first.api(), "/health/live")).as("live throughout").isEqualTo(200);
    }

    @Test
    void shouldRideOutABrokerOutage() throws Exception {
        Instance instance = startInstance("outage", AccountStreamsApp.DEFAULT_MAX_THREAD_REPLACEMENTS);
        processSomeCommands(20, 4);

        kafka.bounceBroker(Duration.ofSeconds(5));
        processSomeCommands(20, 5);

        assertThat(instance.app().streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        List<CommandResult> results = kafka.readToEnd(kafka.topics.commandResults(), CommandResult.class, WAIT);
        assertThat(results).as("one result per command across the outage").hasSize(40);
    }
}
