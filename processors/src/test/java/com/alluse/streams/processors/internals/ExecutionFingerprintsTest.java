package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.ExecutionKind;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.processors.StoreNames;
import com.alluse.streams.processors.internals.ExecutionFingerprints.FirstReport;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecutionFingerprintsTest {
    private static final long RETENTION_MS = Duration.ofDays(1).toMillis();
    private static final long NOW_MS = 1_764_000_000_000L;

    private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
    private WindowStore<String, String> store;
    private ExecutionFingerprints fingerprints;

    @BeforeEach
    void setUp() {
        store = Stores.windowStoreBuilder(
                        Stores.inMemoryWindowStore(
                                StoreNames.EXECUTION_FINGERPRINTS,
                                Duration.ofMillis(RETENTION_MS),
                                Duration.ofMillis(1),
                                false),
                        Serdes.String(),
                        Serdes.String())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        context.setCurrentStreamTimeMs(NOW_MS);
        context.setRecordMetadata("alluse.market-executions", 2, 17);
        fingerprints = new ExecutionFingerprints(context, RETENTION_MS);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void shouldFindTheFirstReportOfAnExecutionIdWithWhereItWasRead() {
        String fingerprint = fingerprints.fingerprintHex(report(150L));
        fingerprints.record("x-1", context.recordMetadata().orElseThrow(), fingerprint);

        assertThat(fingerprints.find("x-1")).contains(new FirstReport(2, 17, fingerprint));
        assertThat(fingerprints.find("x-2")).isEmpty();
    }

    @Test
    void shouldFingerprintEveryFieldOfTheReport() {
        assertThat(fingerprints.fingerprintHex(report(150L)))
                .isEqualTo(fingerprints.fingerprintHex(report(150L)))
                .isNotEqualTo(fingerprints.fingerprintHex(report(151L)))
                .hasSize(64);
    }

    @Test
    void shouldForgetAnExecutionIdOlderThanTheRetention() {
        fingerprints.record("x-1", context.recordMetadata().orElseThrow(), "ab");

        context.setCurrentStreamTimeMs(NOW_MS + RETENTION_MS + 1);

        assertThat(fingerprints.find("x-1")).isEmpty();
    }

    private static ExecutionReport report(long priceCents) {
        return new ExecutionReport("x-1", "o-1", "P1:GEN", ExecutionKind.PREMIUM, 100L, "SPY", 1L, priceCents, NOW_MS);
    }
}
