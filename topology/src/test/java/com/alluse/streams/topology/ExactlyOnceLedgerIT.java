package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.Invariants;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.processors.StoreNames;
import com.alluse.streams.processors.internals.AccountStateMapper;
import com.alluse.streams.processors.internals.PortfolioStateMapper;
import com.alluse.streams.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ledger topology on a real broker under exactly-once, fed a large mixed command stream. */
@Timeout(240)
class ExactlyOnceLedgerIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private AccountStreamsApp app;

    @BeforeEach
    void start() throws InterruptedException {
        kafka = startBroker(dir);
        app = kafka.startPipeline(3, dir.resolve("state"), WAIT);
    }

    /** The embedded broker; {@link ExactlyOnceLedgerContainerIT} runs the same tests on Apache Kafka's image. */
    BrokerFixture startBroker(Path dataDir) {
        return new BrokerFixture(dataDir);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        kafka.close();
    }

    @Test
    void shouldGiveEveryCommandExactlyOneResultAndKeepLedgersGapFreeAndBalanced() {
        List<AccountCommand> commands = new CommandMix(42, 200, 2_000_000).generate(12_000);
        kafka.produce(commands);

        List<CommandResult> results = kafka.readUntil(
                kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), WAIT);
        List<LedgerEntry> ledger = kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT);
        Map<String, AccountState> states =
                PipelineChecks.latestStates(kafka.readToEnd(kafka.topics.accountState(), AccountState.class, WAIT));

        PipelineChecks.assertExactlyOneResultPerCommand(commands, results);
        PipelineChecks.assertLedgersMatchStates(ledger, states);
        assertThat(states.keySet()).as("forks happened").anyMatch(id -> id.contains(":F1:"));
        assertPortfolioInvariants(ledger, states);
    }

    private void assertPortfolioInvariants(List<LedgerEntry> ledger, Map<String, AccountState> states) {
        ReadOnlyKeyValueStore<String, PortfolioState> portfolios = app.streams()
                .store(StoreQueryParameters.fromNameAndType(
                        StoreNames.PORTFOLIOS, QueryableStoreTypes.<String, PortfolioState>keyValueStore()));
        Map<String, Account> accounts = new HashMap<>();
        states.forEach((id, state) -> accounts.put(id, AccountStateMapper.toDomain(state)));
        Map<String, List<com.alluse.streams.domain.LedgerEntry>> ledgers = domainLedgers(ledger);
        int checked = 0;
        try (KeyValueIterator<String, PortfolioState> all = portfolios.all()) {
            while (all.hasNext()) {
                KeyValue<String, PortfolioState> next = all.next();
                Portfolio portfolio = PortfolioStateMapper.toDomain(next.value);
                assertThat(Invariants.violations(portfolio, accounts, ledgers))
                        .as("invariants of %s", next.key)
                        .isEmpty();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(200);
    }

    private static Map<String, List<com.alluse.streams.domain.LedgerEntry>> domainLedgers(List<LedgerEntry> ledger) {
        Map<String, List<com.alluse.streams.domain.LedgerEntry>> byAccount = new HashMap<>();
        for (LedgerEntry e : ledger) {
            byAccount
                    .computeIfAbsent(e.getAccountId(), id -> new ArrayList<>())
                    .add(new com.alluse.streams.domain.LedgerEntry(
                            e.getEntryId(),
                            e.getPortfolioId(),
                            e.getAccountId(),
                            e.getSequence(),
                            com.alluse.streams.domain.EntryType.valueOf(
                                    e.getEntryType().name()),
                            e.getAmountCents(),
                            e.getBalanceAfterCents(),
                            e.getCommandId(),
                            e.getForkId(),
                            e.getMergeId(),
                            null,
                            e.getEventTimeMs()));
        }
        byAccount.values().forEach(list -> list.sort((a, b) -> Long.compare(a.sequence(), b.sequence())));
        return byAccount;
    }

    @Test
    void shouldDeadLetterGarbageAndWrongSchemaRecordsAndKeepProcessing() {
        byte[] key = "P1".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = {0, 0, 0, 0, 42, 1, 2, 3};
        kafka.produceRaw(kafka.topics.commands(), key, garbage);
        // A valid record of another topic's schema (registered under its own subject), on the wrong topic.
        byte[] otherSchema = AvroSerdes.<SpecificRecord>specific(kafka.serdeConfig, false)
                .serializer()
                .serialize(
                        kafka.topics.calendar(),
                        com.alluse.streams.client.AccountCommands.calendar(
                                com.alluse.streams.avro.CalendarKind.WEEK_CLOSE, "W1", 1));
        kafka.produceRaw(kafka.topics.commands(), key, otherSchema);
        List<AccountCommand> after = new CommandMix(7, 5, 100_00).generate(20);
        kafka.produce(after);

        List<DeadLetter> letters =
                kafka.readUntil(kafka.topics.deadLetters(), DeadLetter.class, l -> l.size() >= 2, WAIT);
        List<CommandResult> results = kafka.readUntil(
                kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= after.size(), WAIT);

        assertThat(letters)
                .extracting(DeadLetter::getReason)
                .containsExactlyInAnyOrder(DeadLetterReason.DESERIALIZATION_FAILED, DeadLetterReason.WRONG_SCHEMA);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.getSourceTopic()).isEqualTo(kafka.topics.commands());
            assertThat(letter.getErrorMessage()).isNotBlank();
        });
        assertThat(letters)
                .anySatisfy(letter -> assertThat(letter.getValue().array()).isEqualTo(garbage));
        assertThat(results).hasSize(after.size());
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
}
