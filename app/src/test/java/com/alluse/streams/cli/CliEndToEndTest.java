package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.client.Clients;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.Money;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.localstack.EmbeddedKafkaBroker;
import com.alluse.streams.localstack.EmbeddedKafkaConfig;
import com.alluse.streams.localstack.InMemorySchemaRegistryServer;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.PipelineConfig;
import com.alluse.streams.topology.StreamsSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI against a real broker, registry and pipeline in this JVM: 100,000 command lines through
 * `produce`, then `consume` of the results, the ledger and the account states, checked against
 * the outcomes the load predicts and the ledger invariants of docs/rules.md section 3.
 *
 * <p>The load test runs first: it asserts exact totals on the topics, which start empty.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliEndToEndTest {
    private static final int COMMANDS = 100_000;
    private static final int PORTFOLIOS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopicNames TOPICS = TopicNames.DEFAULT;

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static InMemorySchemaRegistryServer registry;
    private static AccountStreamsApp app;

    @BeforeAll
    static void startBrokerRegistryAndPipeline() throws InterruptedException {
        broker = EmbeddedKafkaBroker.start(
                EmbeddedKafkaConfig.builder(dir.resolve("kafka")).build());
        registry = InMemorySchemaRegistryServer.start("127.0.0.1", 0);
        app = new AccountStreamsApp(
                new PipelineConfig(TOPICS, 3, (short) 1, Duration.ofDays(7), RulesConfig.DEFAULTS, serdeConfig()),
                StreamsSettings.local(broker.bootstrapServers(), dir.resolve("state"))
                        .toProperties(),
                Duration.ofSeconds(30));
        app.start(Duration.ofSeconds(60));
        app.awaitRunning(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopEverything() {
        if (app != null) {
            app.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", registry.url());
    }

    /** One CLI run: its exit code and what it wrote; stdout goes to a file when one is given. */
    private record Run(int exitCode, String out, String err) {}

    private static Run cli(Path stdoutFile, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AllUseCli.commandLine().setErr(new PrintWriter(err, true));
        int exitCode;
        if (stdoutFile == null) {
            exitCode = cli.setOut(new PrintWriter(out, true)).execute(all.toArray(String[]::new));
        } else {
            try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(stdoutFile, StandardCharsets.UTF_8))) {
                exitCode = cli.setOut(file).execute(all.toArray(String[]::new));
            }
        }
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    @Order(1)
    void shouldTurn100000JsonLinesIntoExactlyOneResultEachAndAGapFreeLedgerThatSumsToEveryBalance() throws IOException {
        CommandLoad load = new CommandLoad(
                PORTFOLIOS,
                20261124L,
                System.currentTimeMillis() - Duration.ofMinutes(30).toMillis());
        Path commands = dir.resolve("commands.jsonl");
        load.writeTo(commands, COMMANDS);

        Run produce = cli(null, "produce", "--file", commands.toString());

        assertThat(produce.err()).isEmpty();
        assertThat(produce.out())
                .isEqualTo("produced 100000 commands, skipped 0 invalid lines" + System.lineSeparator());
        assertThat(produce.exitCode()).isZero();

        Path results = dir.resolve("results.jsonl");
        Run consumeResults = cli(
                results, "consume", "results", "--max-records", Integer.toString(COMMANDS), "--idle-timeout", "30s");

        assertThat(consumeResults.exitCode()).isZero();
        assertThat(consumeResults.err())
                .isEqualTo("consumed 100000 records from alluse.command-results" + System.lineSeparator());
        assertResultsMatch(results, load);

        Path ledger = dir.resolve("ledger.jsonl");
        // One more than expected: the consumer must then stop idle, proving there is no extra entry.
        Run consumeLedger = cli(
                ledger,
                "consume",
                "ledger",
                "--max-records",
                Long.toString(load.expectedLedgerEntries() + 1),
                "--idle-timeout",
                "3s");
        Path states = dir.resolve("account-state.jsonl");
        Run consumeStates = cli(states, "consume", "account-state", "--idle-timeout", "3s");

        assertThat(consumeLedger.exitCode()).isZero();
        assertThat(consumeStates.exitCode()).isZero();
        assertLedgerIsGapFreeAndSumsToLatestBalances(ledger, states, load);
    }

    private static void assertResultsMatch(Path results, CommandLoad load) throws IOException {
        Set<String> commandIds = new HashSet<>();
        Map<String, Long> outcomes = new TreeMap<>();
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode result = JSON.readTree(line);
                lines++;
                commandIds.add(result.get("commandId").textValue());
                String outcome = result.get("outcome").textValue();
                outcomes.merge(
                        result.get("reasonCode").isNull()
                                ? outcome
                                : outcome + "/" + result.get("reasonCode").textValue(),
                        1L,
                        Long::sum);
                assertThat(result.get("_topic").textValue()).isEqualTo(TOPICS.commandResults());
                assertThat(result.get("_key").textValue())
                        .isEqualTo(result.get("portfolioId").textValue());
            }
        }
        assertThat(lines).isEqualTo(COMMANDS);
        assertThat(commandIds).hasSize(COMMANDS).contains(CommandLoad.commandId(1), CommandLoad.commandId(COMMANDS));
        assertThat(outcomes).isEqualTo(load.expectedOutcomes());
    }

    private static void assertLedgerIsGapFreeAndSumsToLatestBalances(Path ledger, Path states, CommandLoad load)
            throws IOException {
        Map<String, Long> lastSequence = new HashMap<>();
        Map<String, Long> sumCents = new HashMap<>();
        long entries = 0;
        try (BufferedReader reader = Files.newBufferedReader(ledger, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode entry = JSON.readTree(line);
                entries++;
                String account = entry.get("accountId").textValue();
                long sequence = entry.get("sequence").longValue();
                // Keyed by account, so one account's entries arrive in the order they were written.
                assertThat(sequence)
                        .as("sequence of %s", account)
                        .isEqualTo(lastSequence.getOrDefault(account, 0L) + 1);
                lastSequence.put(account, sequence);
                sumCents.merge(account, Money.parseDecimal(entry.get("amount").textValue()), Math::addExact);
            }
        }
        assertThat(entries).isEqualTo(load.expectedLedgerEntries());
        assertThat(lastSequence).hasSize(load.expectedAccounts());

        Map<String, JsonNode> latestState = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(states, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode state = JSON.readTree(line);
                latestState.put(state.get("accountId").textValue(), state);
            }
        }
        assertThat(latestState.keySet()).isEqualTo(lastSequence.keySet());
        latestState.forEach((account, state) -> {
            assertThat(Money.parseDecimal(state.get("balance").textValue()))
                    .as("balance of %s", account)
                    .isEqualTo(sumCents.get(account));
            assertThat(state.get("lastSequence").longValue())
                    .as("last sequence of %s", account)
                    .isEqualTo(lastSequence.get(account));
        });
        assertThat(latestState
                        .get(CommandLoad.portfolio(10) + ":F1:GEN")
                        .get("balance")
                        .textValue())
                .isEqualTo("25000.00");
    }

    @Test
    @Order(2)
    void shouldReportAnInvalidLineByNumberAndNotSendIt() throws IOException {
        Path small = dir.resolve("small.jsonl");
        Files.writeString(
                small,
                String.join(
                        "\n",
                        "{\"commandId\":\"small-1\",\"portfolioId\":\"e2e-small\",\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"1000.00\"}",
                        "{\"commandId\":\"small-2\",\"portfolioId\":\"e2e-small\",\"type\":\"DEPOSIT\",\"accountId\":\"e2e-small:GEN\",\"amount\":\"1.005\"}",
                        "{\"commandId\":\"small-3\",\"portfolioId\":\"e2e-small\",\"type\":\"DEPOSIT\",\"accountId\":\"e2e-small:GEN\",\"amount\":\"1.00\"}",
                        ""),
                StandardCharsets.UTF_8);
        Map<TopicPartition, Long> commandsBefore = endOffsets(TOPICS.commands());
        Map<TopicPartition, Long> resultsBefore = endOffsets(TOPICS.commandResults());

        Run produce = cli(null, "produce", "--file", small.toString());

        assertThat(produce.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(produce.err())
                .isEqualTo("line 2: \"amount\" must have at most 2 fraction digits, got \"1.005\""
                        + System.lineSeparator());
        assertThat(produce.out()).isEqualTo("produced 2 commands, skipped 1 invalid lines" + System.lineSeparator());
        assertThat(total(endOffsets(TOPICS.commands())) - total(commandsBefore))
                .as("records added to the commands topic")
                .isEqualTo(2);
        assertThat(resultsAfter(resultsBefore, "small-", 2, Duration.ofSeconds(30)))
                .containsExactly("small-1 ACCEPTED", "small-3 ACCEPTED");
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.rawConsumer(broker.bootstrapServers())) {
            Clients.assignAllAtEnd(consumer, topic);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            consumer.assignment().forEach(partition -> offsets.put(partition, consumer.position(partition)));
            return offsets;
        }
    }

    private static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "<commandId> <outcome>" of the results after the given offsets whose command id has the prefix; waits (bounded) for count of them. */
    private static List<String> resultsAfter(
            Map<TopicPartition, Long> offsets, String commandIdPrefix, int count, Duration timeout) {
        List<String> results = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, SpecificRecord> consumer =
                Clients.consumer(broker.bootstrapServers(), serdeConfig(), null)) {
            consumer.assign(offsets.keySet());
            offsets.forEach(consumer::seek);
            while (results.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    CommandResult result = (CommandResult) record.value();
                    if (result.getCommandId().startsWith(commandIdPrefix)) {
                        results.add(result.getCommandId() + " " + result.getOutcome());
                    }
                }
            }
        }
        return results;
    }
}
