package com.alluse.streams.processors.reconciliation;

import static com.alluse.streams.processors.reconciliation.MarketRecords.T0_MS;
import static com.alluse.streams.processors.reconciliation.MarketRecords.entry;
import static com.alluse.streams.processors.reconciliation.MarketRecords.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.domain.ReconciliationTolerance;
import com.alluse.streams.processors.SinkNames;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconciliationProcessorTest {
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final ReconciliationConfig CONFIG =
            new ReconciliationConfig(new ReconciliationTolerance(100, 0), 16, MAX_WAIT, 2);

    private final MarketRecords records = new MarketRecords();
    private MockProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ReconciliationResult> statuses;
    private ReconciliationProcessor processor;

    @BeforeEach
    void setUp() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(T0_MS);
        MarketRecords.textStore(context, ReconciliationProcessor.HISTORY_STORE);
        records.<BrokerSnapshot>avroStore(context, ReconciliationProcessor.PENDING_STORE);
        statuses = records.avroStore(context, ReconciliationProcessor.STATUS_STORE);
        processor = start();
    }

    @AfterEach
    void tearDown() {
        records.close();
    }

    @Test
    void shouldReconcileAtOnceWhenTheLedgerAlreadyShowsAChangeAtOrAfterTheSnapshotTime() {
        send(entry("P1:GEN", 1, T0_MS, 10_000_000));
        send(entry("P1:GEN", 2, T0_MS + 100, 12_000_000));

        send(snapshot("s1", "P1:GEN", T0_MS + 50, 9_000_000, 1_000_000));

        assertThat(context.forwarded())
                .extracting(f -> f.childName().orElseThrow())
                .containsExactly(SinkNames.RECONCILIATION);
        ReconciliationResult result = onlyResult();
        assertThat(result.getStatus()).isEqualTo(ReconciliationStatus.MATCHED);
        assertThat(result.getLedgerBalanceCents()).isEqualTo(10_000_000);
        assertThat(statuses.get("P1:GEN")).isEqualTo(result);
    }

    @Test
    void shouldHoldASnapshotUntilTheAccountChangesAtOrAfterItsTime() {
        send(entry("P1:GEN", 1, T0_MS, 10_000_000));
        send(snapshot("s1", "P1:GEN", T0_MS + 100, 10_000_500, 0));
        assertThat(context.forwarded()).isEmpty();

        send(entry("P1:GEN", 2, T0_MS + 100, 10_000_500)); // the premium the broker already counted

        ReconciliationResult result = onlyResult();
        assertThat(result.getStatus()).isEqualTo(ReconciliationStatus.MATCHED);
        assertThat(result.getLedgerSequence()).isEqualTo(2);
    }

    @Test
    void shouldReconcileAgainstTheLatestBalanceOnceMaxWaitAfterTheSnapshotTimeHasPassed() {
        send(entry("P1:GEN", 1, T0_MS, 10_000_000));
        send(snapshot("s1", "P1:GEN", T0_MS + 100, 10_000_500, 0));

        punctuateAt(T0_MS + 100 + MAX_WAIT.toMillis() - 1);
        assertThat(context.forwarded()).isEmpty();
        punctuateAt(T0_MS + 100 + MAX_WAIT.toMillis());

        ReconciliationResult result = onlyResult();
        assertThat(result.getStatus()).isEqualTo(ReconciliationStatus.MISMATCH);
        assertThat(result.getDifferenceCents()).isEqualTo(500);
    }

    @Test
    void shouldKeepAWaitingSnapshotAcrossARestart() {
        send(entry("P1:GEN", 1, T0_MS, 10_000_000));
        send(snapshot("s1", "P1:GEN", T0_MS + 100, 10_000_000, 0));
        processor.close();
        context.resetForwards();

        processor = start();
        punctuateAt(T0_MS + 100 + MAX_WAIT.toMillis());

        assertThat(onlyResult().getSnapshotId()).isEqualTo("s1");
    }

    @Test
    void shouldAnswerASnapshotDeliveredAgainOnlyOnce() {
        send(entry("P1:GEN", 1, T0_MS + 200, 10_000_000));
        send(snapshot("s1", "P1:GEN", T0_MS + 200, 10_000_000, 0));
        send(snapshot("s1", "P1:GEN", T0_MS + 200, 10_000_000, 0));
        send(snapshot("s2", "P1:GEN", T0_MS + 300, 10_000_000, 0)); // waits
        send(snapshot("s2", "P1:GEN", T0_MS + 300, 10_000_000, 0));
        punctuateAt(T0_MS + 300 + MAX_WAIT.toMillis());

        assertThat(results()).extracting(ReconciliationResult::getSnapshotId).containsExactly("s1", "s2");
    }

    @Test
    void shouldReconcileTheOldestWaitingSnapshotWhenThePendingBoundIsReached() {
        send(entry("P1:GEN", 1, T0_MS, 10_000_000));
        send(snapshot("s3", "P1:GEN", T0_MS + 300, 10_000_000, 0));
        send(snapshot("s1", "P1:GEN", T0_MS + 100, 10_000_000, 0));
        assertThat(context.forwarded()).isEmpty();

        send(snapshot("s2", "P1:GEN", T0_MS + 200, 10_000_000, 0));

        assertThat(onlyResult().getSnapshotId()).isEqualTo("s1");
    }

    @Test
    void shouldAnswerAnInvalidSnapshotAtOnce() {
        send(snapshot("s1", "P1:GEN", T0_MS + 100, -5, 0));

        assertThat(onlyResult().getStatus()).isEqualTo(ReconciliationStatus.UNRECONCILED);
    }

    @Test
    void shouldAnswerASnapshotOfAnAccountNeverSeenAsUnknownAfterMaxWait() {
        send(snapshot("s1", "P7:GEN", T0_MS, 1, 0));
        punctuateAt(T0_MS + MAX_WAIT.toMillis());

        assertThat(onlyResult().getReason()).hasToString("UNKNOWN_ACCOUNT");
    }

    private ReconciliationProcessor start() {
        ReconciliationProcessor started = new ReconciliationProcessor(CONFIG);
        started.init(context);
        return started;
    }

    private void send(SpecificRecord value) {
        String key = value instanceof BrokerSnapshot snapshot
                ? snapshot.getAccountId()
                : ((com.alluse.streams.avro.LedgerEntry) value).getAccountId();
        processor.process(new Record<>(key, value, T0_MS));
    }

    private void punctuateAt(long nowMs) {
        context.setCurrentSystemTimeMs(nowMs);
        List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
        MockProcessorContext.CapturedPunctuator current = punctuators.get(punctuators.size() - 1); // after a restart
        assertThat(current.getInterval()).isEqualTo(ReconciliationProcessor.PUNCTUATE_INTERVAL);
        current.getPunctuator().punctuate(nowMs);
    }

    private List<ReconciliationResult> results() {
        return context.forwarded(SinkNames.RECONCILIATION).stream()
                .map(f -> (ReconciliationResult) f.record().value())
                .toList();
    }

    private ReconciliationResult onlyResult() {
        List<ReconciliationResult> results = results();
        assertThat(results).hasSize(1);
        return results.get(0);
    }
}
