package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.client.Clients;
import com.alluse.streams.processors.StoreNames;
import com.alluse.streams.serde.RegisteredSchema;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.CommandMix;
import com.alluse.streams.topology.PipelineChecks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade and a rollback across a change of an internal store schema, under live traffic
 * (docs/operations.md, "Upgrade and rollback"). Version N is the application as built; version
 * N+1 is the same application whose portfolio store value ({@link PortfolioState}) has a field
 * more, with a default: a generated class of the newer schema first on its JVM's classpath. One
 * instance (its own JVM) runs N, is replaced by N+1 on the same state directory, then rolled back
 * to N, each switch a SIGTERM and a start while commands keep arriving. N must read what N+1
 * stored (its values in RocksDB and the changelog carry the newer schema id), and nothing may be
 * lost: one result per command, ledgers matching states, the final states equal to a clean
 * replay of the commands.
 */
@Timeout(420)
class StoreSchemaRollbackIT {
    private static final Duration WAIT = Duration.ofSeconds(150);
    /**
     * At most this many commands: the traffic runs until the rolled-back version has turned out
     * {@link #RESULTS_PER_VERSION} results, so that commands arrive during both switches however
     * long they take (about 4,000 at 100 a second on a quiet machine).
     */
    private static final int MAX_COMMANDS = 30_000;
    /** Commands sent every 10 ms: 100 a second. */
    private static final int COMMANDS_PER_STEP = 1;
    /** Results each version must have turned out before it is replaced, or the traffic stops. */
    private static final int RESULTS_PER_VERSION = 600;

    private static final String ADDED_FIELD = "upgradeNote";
    /** What N+1 writes in the added field (its default: N+1 has no code of its own that sets it). */
    private static final String ADDED_FIELD_JSON =
            "{\"name\": \"" + ADDED_FIELD + "\", \"type\": \"string\", \"default\": \"written by version N+1\"}";

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private int generation;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicBoolean trafficOn = new AtomicBoolean(true);

    @BeforeEach
    void startBroker() {
        kafka = new BrokerFixture(dir);
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldLoseNothingWhenRolledBackAcrossAStoreSchemaChangeUnderTraffic() throws Exception {
        Schema newer = NewerSchemaClass.withFields(PortfolioState.getClassSchema(), List.of(ADDED_FIELD_JSON));
        Path versionNPlusOne = NewerSchemaClass.compile(newer, dir.resolve("version-n-plus-1"));
        List<AccountCommand> generated = new CommandMix(2026, 60, 300_000).generate(MAX_COMMANDS);

        AppProcess app = startVersionN();
        Thread traffic = new Thread(() -> send(generated), "rollback-traffic");
        traffic.start();
        long startedAt = System.nanoTime();
        Map<String, Long> switchMs = new HashMap<>();
        Map<String, Integer> sentAt = new HashMap<>();
        try (ResultCounter results = new ResultCounter(kafka.bootstrapServers(), kafka.topics.commandResults())) {
            awaitResults(results, RESULTS_PER_VERSION);

            long upgradeAt = System.nanoTime();
            sentAt.put("upgrade", sent.get());
            app.close();
            app = AppProcess.startWithClassesFirst(log(), runArgs(), versionNPlusOne);
            app.awaitRunning(WAIT);
            switchMs.put("upgrade", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - upgradeAt));
            awaitResults(results, results.results() + RESULTS_PER_VERSION);

            long rollbackAt = System.nanoTime();
            sentAt.put("rollback", sent.get());
            app.close();
            app = startVersionN();
            switchMs.put("rollback", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rollbackAt));
            awaitResults(results, results.results() + RESULTS_PER_VERSION);
            trafficOn.set(false);
            traffic.join(WAIT.toMillis());
            assertThat(traffic.isAlive()).as("traffic sent").isFalse();
            List<AccountCommand> commands = generated.subList(0, sent.get());
            assertThat(sentAt.get("rollback"))
                    .as("commands arrived during the rollback")
                    .isGreaterThan(sentAt.get("upgrade"))
                    .isLessThan(commands.size());
            awaitResults(results, commands.size());

            List<CommandResult> commandResults = kafka.readUntil(
                    kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), WAIT);
            List<LedgerEntry> ledger = kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT);
            Map<String, AccountState> states =
                    PipelineChecks.latestStates(kafka.readToEnd(kafka.topics.accountState(), AccountState.class, WAIT));
            PipelineChecks.assertExactlyOneResultPerCommand(commands, commandResults);
            PipelineChecks.assertLedgersMatchStates(ledger, states);
            assertThat(states)
                    .as("final state equals a clean replay")
                    .isEqualTo(RecoveryChecks.cleanReplay(dir.resolve("replay"), commands));
            assertRolledBackVersionUpdatedNewerValues();
            System.out.printf(
                    "Store schema upgrade and rollback: %d commands, upgrade %d ms, rollback %d ms (stop to RUNNING),"
                            + " commands sent when they began %d and %d, %d ms from the first start to the last check%n",
                    commands.size(),
                    switchMs.get("upgrade"),
                    switchMs.get("rollback"),
                    sentAt.get("upgrade"),
                    sentAt.get("rollback"),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        } finally {
            traffic.interrupt();
            app.close();
        }
    }

    /**
     * The portfolio store's changelog holds values of both schemas, and N, after the rollback,
     * replaced values that N+1 had written: it read them (an update starts from the stored value).
     */
    private void assertRolledBackVersionUpdatedNewerValues() {
        String subject = kafka.registry.registry().subjects().stream()
                .filter(s -> s.endsWith("-" + StoreNames.PORTFOLIOS + "-changelog-value"))
                .findFirst()
                .orElseThrow();
        Map<Integer, Boolean> newerById = kafka.registry.registry().getAllVersions(subject).stream()
                .collect(Collectors.toMap(RegisteredSchema::id, r -> r.schema().getField(ADDED_FIELD) != null));
        assertThat(newerById.values())
                .as("schemas registered for %s: %s", subject, newerById)
                .containsExactlyInAnyOrder(false, true);

        Map<String, Boolean> lastWasNewer = new HashMap<>();
        Set<String> updatedAfterNewer = new TreeSet<>();
        String topic = subject.substring(0, subject.length() - "-value".length());
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.rawConsumer(kafka.bootstrapServers())) {
            Clients.assignAllFromBeginning(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    boolean isNewer =
                            newerById.get(ByteBuffer.wrap(record.value(), 1, 4).getInt());
                    if (!isNewer && Boolean.TRUE.equals(lastWasNewer.get(key))) {
                        updatedAfterNewer.add(key);
                    }
                    lastWasNewer.put(key, isNewer);
                }
            }
        }
        assertThat(updatedAfterNewer)
                .as("portfolios whose value N+1 wrote and N then updated")
                .isNotEmpty();
    }

    /** Commands at a steady rate, acknowledged, until the traffic is turned off; the switches happen meanwhile. */
    private void send(List<AccountCommand> commands) {
        try (KafkaProducer<String, SpecificRecord> producer =
                Clients.producer(kafka.bootstrapServers(), kafka.serdeConfig)) {
            List<Future<?>> sends = new ArrayList<>();
            long next = System.nanoTime();
            for (int i = 0; i < commands.size() && trafficOn.get(); i++) {
                AccountCommand command = commands.get(i);
                sends.add(producer.send(
                        new ProducerRecord<>(kafka.topics.commands(), command.getPortfolioId(), command)));
                sent.incrementAndGet();
                if (i % COMMANDS_PER_STEP == COMMANDS_PER_STEP - 1) {
                    next += TimeUnit.MILLISECONDS.toNanos(10);
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                }
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void awaitResults(ResultCounter results, long atLeast) {
        assertThat(results.awaitAtLeast(atLeast, WAIT))
                .as("%d results (%d read)", atLeast, results.results())
                .isTrue();
    }

    private AppProcess startVersionN() throws Exception {
        AppProcess app = AppProcess.start(log(), runArgs());
        app.awaitRunning(WAIT);
        return app;
    }

    private Path log() {
        return dir.resolve("app-" + generation++ + ".log");
    }

    private List<String> runArgs() {
        List<String> args = AppProcess.runArgs(kafka, dir.resolve("app"), 3);
        args.addAll(RecoveryChecks.FAST_GROWTH_ARGS);
        return args;
    }
}
