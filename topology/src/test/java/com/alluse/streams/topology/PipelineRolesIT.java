package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.client.BrokerSnapshots;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger and the downstream processors as two applications on a real broker: commands are answered by the
 * ledger's, reconciliation, market instructions and business metrics come from the downstream one, which reads
 * only the ledger's committed outputs.
 */
@Timeout(240)
class PipelineRolesIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long START_MS = 1_790_000_000_000L;
    private static final String ACCOUNT = "R1:GEN";

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private AccountStreamsApp ledger;
    private AccountStreamsApp downstream;
    private final SimpleMeterRegistry ledgerMetrics = new SimpleMeterRegistry();
    private final SimpleMeterRegistry downstreamMetrics = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws InterruptedException {
        kafka = new BrokerFixture(dir);
        ledger = start(PipelineRole.LEDGER, ledgerMetrics);
        downstream = start(PipelineRole.DOWNSTREAM, downstreamMetrics);
    }

    private AccountStreamsApp start(PipelineRole role, SimpleMeterRegistry registry) throws InterruptedException {
        StreamsSettings local = StreamsSettings.local(kafka.bootstrapServers(), dir.resolve("state"));
        var properties = local.toProperties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, role.applicationId(local.applicationId()));
        AccountStreamsApp app = new AccountStreamsApp(
                kafka.pipeline(3),
                role,
                properties,
                Duration.ofSeconds(30),
                registry,
                AccountStreamsApp.DEFAULT_MAX_THREAD_REPLACEMENTS);
        app.start(WAIT);
        app.awaitRunning(WAIT);
        return app;
    }

    @AfterEach
    void stop() {
        for (AccountStreamsApp app : new AccountStreamsApp[] {downstream, ledger}) {
            if (app != null) {
                app.close();
            }
        }
        kafka.close();
    }

    @Test
    void shouldReconcileAndInstructFromTheDownstreamApplicationWhatTheLedgerApplicationBooked() {
        kafka.produce(List.of(
                command("open-R1", "R1", START_MS, openPortfolio(25_000_000L, null)),
                command("deposit-R1", "R1", START_MS + 1_000, deposit(ACCOUNT, 100_00))));
        List<CommandResult> results =
                kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= 2, WAIT);
        assertThat(results).extracting(CommandResult::getOutcome).containsOnly(CommandOutcome.ACCEPTED);
        LedgerEntry last = kafka
                .readUntil(
                        kafka.topics.ledger(),
                        LedgerEntry.class,
                        entries -> entries.stream()
                                .anyMatch(e -> e.getAccountId().equals(ACCOUNT) && e.getSequence() == 2),
                        WAIT)
                .stream()
                .filter(e -> e.getAccountId().equals(ACCOUNT) && e.getSequence() == 2)
                .findFirst()
                .orElseThrow();

        long balanceCents = last.getBalanceAfterCents();
        kafka.produce(
                kafka.topics.brokerSnapshots(),
                List.of(
                        KeyValue.pair(ACCOUNT, snapshot("agrees", last.getEventTimeMs(), balanceCents)),
                        KeyValue.pair(ACCOUNT, snapshot("differs", last.getEventTimeMs(), balanceCents + 500_00))));

        List<ReconciliationResult> reconciled =
                kafka.readUntil(kafka.topics.reconciliation(), ReconciliationResult.class, r -> r.size() >= 2, WAIT);
        assertThat(reconciled)
                .extracting(ReconciliationResult::getSnapshotId, ReconciliationResult::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("agrees", ReconciliationStatus.MATCHED),
                        org.assertj.core.groups.Tuple.tuple("differs", ReconciliationStatus.MISMATCH));
        List<MarketInstruction> instructions =
                kafka.readUntil(kafka.topics.marketInstructions(), MarketInstruction.class, i -> !i.isEmpty(), WAIT);
        assertThat(instructions)
                .singleElement()
                .satisfies(i -> assertThat(i.getKind()).isEqualTo(MarketInstructionKind.RECONCILIATION_MISMATCH));
        // The monitoring reads the outputs on its own schedule: three opening entries and the deposit.
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(downstreamMetrics
                                .counter("alluse.ledger.entries")
                                .count())
                        .as("the business metrics are the downstream application's")
                        .isEqualTo(4.0));
        assertThat(ledgerMetrics.find("alluse.ledger.entries").counter()).isNull();
    }

    private static BrokerSnapshot snapshot(String snapshotId, long asOfMs, long totalCents) {
        return BrokerSnapshots.snapshot(snapshotId, ACCOUNT, asOfMs, totalCents, 0);
    }
}
