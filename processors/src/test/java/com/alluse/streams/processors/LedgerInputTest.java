package com.alluse.streams.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerInputTest {
    private static final byte[] VALUE = {0, 0, 0, 0, 1};

    private final MockProcessorContext<byte[], byte[]> context = new MockProcessorContext<>();
    private final LedgerInput input = new LedgerInput("commands-node", "calendar-node");

    @BeforeEach
    void setUp() {
        input.init(context);
    }

    @Test
    void shouldHandACommandToTheCommandNode() {
        Record<byte[], byte[]> command = new Record<>("P1".getBytes(StandardCharsets.UTF_8), VALUE, 1L);

        input.process(command);

        assertThat(context.forwarded()).singleElement().satisfies(f -> {
            assertThat(f.childName()).contains("commands-node");
            assertThat(f.record()).isSameAs(command);
        });
    }

    @Test
    void shouldHandARelayedCalendarEventToTheCalendarNode() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CalendarRelay.RELAYED_HEADER, "alluse.calendar/0/3".getBytes(StandardCharsets.UTF_8));
        Record<byte[], byte[]> relayed =
                new Record<>("WEEK_CLOSE/2026-W49".getBytes(StandardCharsets.UTF_8), VALUE, 1L, headers);

        input.process(relayed);

        assertThat(context.forwarded()).singleElement().satisfies(f -> {
            assertThat(f.childName()).contains("calendar-node");
            assertThat(f.record()).isSameAs(relayed);
        });
    }

    @Test
    void shouldAskForACommitAfterAFreshRecordUnderExactlyOnce() {
        Properties exactlyOnce = new Properties();
        exactlyOnce.put(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-input-test");
        exactlyOnce.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        exactlyOnce.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        MockProcessorContext<byte[], byte[]> eosContext = new MockProcessorContext<>(exactlyOnce);
        eosContext.setCurrentSystemTimeMs(5_000L);
        LedgerInput eosInput = new LedgerInput("commands-node", "calendar-node");
        eosInput.init(eosContext);

        eosInput.process(new Record<>("P1".getBytes(StandardCharsets.UTF_8), VALUE, 4_990L));

        assertThat(eosContext.committed()).isTrue();
    }

    @Test
    void shouldLeaveCommitsToTheIntervalUnderAtLeastOnce() {
        context.setCurrentSystemTimeMs(5_000L);

        input.process(new Record<>("P1".getBytes(StandardCharsets.UTF_8), VALUE, 4_990L));

        assertThat(context.committed()).isFalse();
    }
}
