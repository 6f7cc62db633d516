package com.alluse.streams.app;

import static com.alluse.streams.client.AccountCommands.cashBuffer;
import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static com.alluse.streams.client.AccountCommands.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import com.alluse.streams.avro.UnreconciledReason;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.client.BrokerSnapshots;
import com.alluse.streams.client.CalendarPublisher;
import com.alluse.streams.client.Clients;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.http.ApiServer;
import com.alluse.streams.http.HttpSettings;
import com.alluse.streams.processors.reconciliation.ReconciliationConfig;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.AppMetrics;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.PipelineChecks;
import com.alluse.streams.topology.StreamsSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker snapshots and market instructions on a real broker, two instances in-process each with
 * its HTTP API: injected discrepancies are flagged exactly, matches are recorded and visible over
 * HTTP from either instance (routed to the owner of the account's partition), every merged or
 * closed account gets one close-all-positions instruction (also when its closed event is read
 * again), and bad snapshots reach the dead-letter topic or an UNRECONCILED result while
 * processing goes on.
 */
@Timeout(300)
class ReconciliationIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 4;
    private static final int PORTFOLIOS = 12;
    /** Long enough that no snapshot here is reconciled by waiting: each names a time the ledger has reached. */
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private static final String MERGED_PORTFOLIO = "P0";
    private static final String CLOSING_PORTFOLIO = "P1";
    /** Account -> broker total minus ledger balance; the tolerance is 1.00 (100 cents). */
    private static final Map<String, Long> INJECTED = Map.of("P3:GEN", 101L, "P5:REV", -25_000L, "P7:COM", 999_999L);

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private final List<Instance> instances = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private long clockMs = System.currentTimeMillis() - Duration.ofHours(1).toMillis();

    private record Instance(AccountStreamsApp app, ApiServer api) {}

    @BeforeEach
    void start() throws InterruptedException {
        kafka = new BrokerFixture(dir);
        startInstance(1);
        startInstance(2);
    }

    @AfterEach
    void stop() {
        instances.forEach(instance -> {
            instance.app().close();
            instance.api().close();
        });
        kafka.close();
    }

    private void startInstance(int number) throws InterruptedException {
        ApiServer api = ApiServer.start(HttpSettings.local("127.0.0.1", 0), AppMetrics.prometheusRegistry());
        StreamsSettings settings = new StreamsSettings(
                StreamsSettings.DEFAULT_APPLICATION_ID,
                kafka.bootstrapServers(),
                dir.resolve("state-" + number),
                1,
                0,
                StreamsConfig.EXACTLY_ONCE_V2,
                100,
                64L * 1024 * 1024,
                (short) 1,
                api.applicationServer(),
                Map.of());
        AccountStreamsApp app = new AccountStreamsApp(
                kafka.pipeline(PARTITIONS).withReconciliation(ReconciliationConfig.DEFAULTS.withMaxWait(MAX_WAIT)),
                settings.toProperties(),
                Duration.ofSeconds(30));
        api.attach(
                app.start(WAIT), kafka.topics, KafkaConnection.plaintext(kafka.bootstrapServers()), kafka.serdeConfig);
        instances.add(new Instance(app, api));
        app.awaitRunning(WAIT);
    }

    @Test
    void shouldFlagExactlyTheInjectedDiscrepanciesAndInstructEveryCloseOnce() throws Exception {
        Map<String, LedgerEntry> lastEntries = runLedger();
        List<String> accounts = new ArrayList<>(lastEntries.keySet());
        Map<String, AccountState> states =
                PipelineChecks.latestStates(kafka.readToEnd(kafka.topics.accountState(), AccountState.class, WAIT));
        Set<String> closed = states.values().stream()
                .filter(state -> state.getStatus() == AccountStatus.CLOSED)
                .map(AccountState::getAccountId)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(closed)
                .as("the merge closed two fork children, the close one account")
                .hasSize(3);

        // One snapshot per open account at its last entry; an older one of P2:GEN before its deposit.
        List<BrokerSnapshot> snapshots = new ArrayList<>();
        for (String accountId : accounts) {
            if (closed.contains(accountId)) {
                continue;
            }
            LedgerEntry last = lastEntries.get(accountId);
            long brokerTotal = last.getBalanceAfterCents() + INJECTED.getOrDefault(accountId, 0L);
            snapshots.add(snapshot("now-" + accountId, accountId, last.getEventTimeMs(), brokerTotal));
        }
        LedgerEntry opening = firstEntry("P2:GEN");
        snapshots.add(snapshot("opening-P2:GEN", "P2:GEN", opening.getEventTimeMs(), opening.getBalanceAfterCents()));
        produceSnapshots(snapshots);
        produceSnapshots(snapshots.stream()
                .filter(x -> x.getSnapshotId().equals("now-P6:REV"))
                .toList()); // the broker redelivers one

        // Bad input, then one more good snapshot: processing goes on.
        long longAgo = System.currentTimeMillis() - MAX_WAIT.toMillis() - 60_000;
        String oversized = "P9:" + "X".repeat(300);
        kafka.produceRaw(kafka.topics.brokerSnapshots(), utf8("P4:GEN"), new byte[] {0, 0, 0, 0, 99, 7});
        produceSnapshots(List.of(
                snapshot("oversized", oversized, longAgo, 1),
                snapshot("unknown", "Q1:GEN", longAgo, 1),
                BrokerSnapshot.newBuilder(snapshot("negative", "P4:GEN", longAgo, 0))
                        .setCashCents(-1)
                        .build()));
        LedgerEntry after = lastEntries.get("P4:COM");
        produceSnapshots(
                List.of(snapshot("after-bad-input", "P4:COM", after.getEventTimeMs(), after.getBalanceAfterCents())));

        int expectedResults = snapshots.size() + 3; // unknown, negative, after-bad-input; not the redelivery
        List<ReconciliationResult> results = kafka.readUntil(
                kafka.topics.reconciliation(), ReconciliationResult.class, r -> r.size() >= expectedResults, WAIT);
        assertThat(results).as("one result per snapshot").hasSize(expectedResults);
        assertThat(results.stream().map(ReconciliationResult::getResultId)).doesNotHaveDuplicates();
        Map<String, ReconciliationResult> byId = results.stream()
                .collect(Collectors.toMap(ReconciliationResult::getSnapshotId, r -> r, (a, b) -> a, TreeMap::new));

        assertThat(results.stream()
                        .filter(r -> r.getStatus() == ReconciliationStatus.MISMATCH)
                        .collect(Collectors.toMap(
                                ReconciliationResult::getAccountId, ReconciliationResult::getDifferenceCents)))
                .as("flagged exactly the injected discrepancies")
                .isEqualTo(INJECTED);
        assertThat(results.stream().filter(r -> r.getStatus() == ReconciliationStatus.MATCHED))
                .as("every other snapshot at a reached time matched")
                .hasSize(snapshots.size() - INJECTED.size() + 1);
        assertThat(byId.get("opening-P2:GEN").getLedgerBalanceCents()).isEqualTo(opening.getBalanceAfterCents());
        assertThat(byId.get("opening-P2:GEN").getLedgerBalanceCents())
                .isNotEqualTo(lastEntries.get("P2:GEN").getBalanceAfterCents());
        assertThat(byId.get("unknown").getReason()).isEqualTo(UnreconciledReason.UNKNOWN_ACCOUNT);
        assertThat(byId.get("negative").getReason()).isEqualTo(UnreconciledReason.INVALID_SNAPSHOT);
        assertThat(byId.get("after-bad-input").getStatus()).isEqualTo(ReconciliationStatus.MATCHED);

        List<DeadLetter> letters = kafka.readUntil(
                kafka.topics.deadLetters(),
                DeadLetter.class,
                l -> l.stream().filter(this::fromSnapshots).count() >= 2,
                WAIT);
        assertThat(letters.stream().filter(this::fromSnapshots).map(DeadLetter::getReason))
                .containsExactlyInAnyOrder(DeadLetterReason.DESERIALIZATION_FAILED, DeadLetterReason.INVALID_KEY);

        // A closed event read again (a replay of the strategy events) must not instruct twice; a
        // mismatch of the same account, in the same task after it, shows when it has been read.
        StrategyEvent closedEvent = kafka.readToEnd(kafka.topics.strategyEvents(), StrategyEvent.class, WAIT).stream()
                .filter(e -> e.getKind() == StrategyEventKind.ACCOUNT_CLOSED)
                .findFirst()
                .orElseThrow();
        String replayed = closedEvent.getAccountId();
        produceValue(kafka.topics.strategyEvents(), replayed, closedEvent);
        produceSnapshots(List.of(
                snapshot("after-close", replayed, lastEntries.get(replayed).getEventTimeMs(), 50_000L)));
        Map<String, Long> mismatches = new TreeMap<>(INJECTED);
        mismatches.put(replayed, 50_000L);

        List<MarketInstruction> instructions = kafka.readUntil(
                kafka.topics.marketInstructions(),
                MarketInstruction.class,
                i -> i.size() >= closed.size() + mismatches.size(),
                WAIT);
        assertThat(instructions.stream().map(MarketInstruction::getInstructionId))
                .doesNotHaveDuplicates();
        assertThat(instructions.stream()
                        .filter(i -> i.getKind() == MarketInstructionKind.CLOSE_ALL_POSITIONS)
                        .map(MarketInstruction::getAccountId))
                .as("one close-all-positions per merged or closed account")
                .containsExactlyInAnyOrderElementsOf(closed);
        assertThat(instructions.stream()
                        .filter(i -> i.getKind() == MarketInstructionKind.RECONCILIATION_MISMATCH)
                        .collect(Collectors.toMap(
                                MarketInstruction::getAccountId, MarketInstruction::getDifferenceCents)))
                .isEqualTo(mismatches);
        assertThat(instructions).hasSize(closed.size() + mismatches.size());

        assertVisibleOverHttpFromEveryInstance(byId, lastEntries);
    }

    /** Opens the portfolios, books some market facts, merges P0's fork and closes P1:REV; the last entry per account. */
    private Map<String, LedgerEntry> runLedger() throws Exception {
        List<AccountCommand> commands = new ArrayList<>();
        for (int p = 0; p < PORTFOLIOS; p++) {
            String portfolio = "P" + p;
            commands.add(at("open-" + p, portfolio, openPortfolio(25_000_000L, "MODERATE")));
            commands.add(at("premium-" + p, portfolio, premium(portfolio + ":REV", 12_345L + p)));
            commands.add(at("deposit-" + p, portfolio, deposit(portfolio + ":GEN", 100_000L * (p + 1))));
        }
        String m = MERGED_PORTFOLIO;
        commands.add(at("fork", m, premium(m + ":GEN", 5_000_000L))); // the fork surplus: 50,000.00
        commands.add(at("grow-gen", m, deposit(m + ":F1:GEN", 27_500_000L)));
        commands.add(at("grow-com", m, deposit(m + ":F1:COM", 17_499_999L)));
        commands.add(at("reach-merge", m, premium(m + ":F1:GEN", 1L)));
        String c = CLOSING_PORTFOLIO;
        commands.add(at("no-buffer", c, cashBuffer(c + ":REV", 0)));
        commands.add(at("empty", c, withdrawal(c + ":REV", 7_500_000L + 12_346L)));
        commands.add(at("close", c, AccountCommands.close(c + ":REV")));
        kafka.produce(commands);
        List<CommandResult> results = kafka.readUntil(
                kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), WAIT);
        PipelineChecks.assertExactlyOneResultPerCommand(commands, results);
        assertThat(results)
                .allSatisfy(r -> assertThat(r.getOutcome())
                        .as("%s %s", r.getCommandId(), r.getReasonCode())
                        .hasToString("ACCEPTED"));
        try (KafkaProducer<String, SpecificRecord> producer =
                Clients.producer(kafka.bootstrapServers(), kafka.serdeConfig)) {
            CalendarPublisher.publish(
                    producer, kafka.topics.calendar(), AccountCommands.calendar(CalendarKind.WEEK_CLOSE, "W1", tick()));
        }
        kafka.readUntil(
                kafka.topics.strategyEvents(),
                StrategyEvent.class,
                e -> e.stream()
                                .filter(x -> x.getKind() == StrategyEventKind.ACCOUNT_CLOSED)
                                .count()
                        >= 3,
                WAIT);
        Map<String, LedgerEntry> last = new LinkedHashMap<>();
        for (LedgerEntry entry : kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT)) {
            last.merge(entry.getAccountId(), entry, (a, b) -> b.getSequence() > a.getSequence() ? b : a);
        }
        return last;
    }

    private void assertVisibleOverHttpFromEveryInstance(
            Map<String, ReconciliationResult> byId, Map<String, LedgerEntry> lastEntries) throws Exception {
        Map<String, String> expectedStatus = new HashMap<>();
        for (String accountId : List.of("P2:GEN", "P3:GEN", "P6:REV", "P4:COM")) {
            expectedStatus.put(accountId, INJECTED.containsKey(accountId) ? "MISMATCH" : "MATCHED");
        }
        for (Instance instance : instances) {
            for (Map.Entry<String, String> expected : expectedStatus.entrySet()) {
                JsonNode body = get(instance.api().port(), "/accounts/" + expected.getKey() + "/reconciliation", 200);
                assertThat(body.path("status").asText()).as(expected.getKey()).isEqualTo(expected.getValue());
                if (expected.getValue().equals("MATCHED")) {
                    assertThat(body.path("lastMatchedAsOf").asText())
                            .isEqualTo(Instant.ofEpochMilli(
                                            lastEntries.get(expected.getKey()).getEventTimeMs())
                                    .toString());
                } else {
                    assertThat(body.path("lastMatchedAsOf").isNull()).isTrue();
                    assertThat(body.path("latest").path("difference").asText()).isEqualTo("1.01");
                }
            }
            get(instance.api().port(), "/accounts/P11:COM/reconciliation", 200);
            get(instance.api().port(), "/accounts/Q1:REV/reconciliation", 404);
            get(instance.api().port(), "/accounts/nonsense/reconciliation", 400);
        }
        assertThat(byId).containsKey("now-P11:COM");
    }

    private JsonNode get(int port, String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("%s on %d: %s", path, port, response.body())
                .isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    private boolean fromSnapshots(DeadLetter letter) {
        return letter.getSourceTopic().equals(kafka.topics.brokerSnapshots());
    }

    private LedgerEntry firstEntry(String accountId) {
        return kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT).stream()
                .filter(e -> e.getAccountId().equals(accountId) && e.getSequence() == 1)
                .findFirst()
                .orElseThrow();
    }

    private void produceSnapshots(List<BrokerSnapshot> snapshots) {
        for (BrokerSnapshot snapshot : snapshots) {
            produceValue(kafka.topics.brokerSnapshots(), snapshot.getAccountId(), snapshot);
        }
    }

    private void produceValue(String topic, String key, SpecificRecord value) {
        byte[] bytes = AvroSerdes.<SpecificRecord>specific(kafka.serdeConfig, false)
                .serializer()
                .serialize(topic, value);
        kafka.produceRaw(topic, List.of(new KeyValue<>(utf8(key), bytes)));
    }

    /** Cash and positions split roughly 60/40, as a broker reports them. */
    private static BrokerSnapshot snapshot(String snapshotId, String accountId, long asOfMs, long totalCents) {
        long positions = Math.max(0, totalCents) * 2 / 5;
        return BrokerSnapshot.newBuilder(
                        BrokerSnapshots.snapshot(snapshotId, accountId, asOfMs, totalCents - positions, positions))
                .setSource("it-broker")
                .build();
    }

    private AccountCommand at(String commandId, String portfolioId, Object payload) {
        return command(commandId, portfolioId, tick(), payload);
    }

    private long tick() {
        clockMs += 1_000;
        return clockMs;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
