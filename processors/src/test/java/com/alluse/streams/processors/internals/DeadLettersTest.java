package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.processors.CalendarRelay;
import com.alluse.streams.processors.SinkNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private MockProcessorContext<String, SpecificRecord> context;
    private DeadLetters deadLetters;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(props);
        context.setRecordMetadata("alluse.commands", 3, 42);
        context.setCurrentSystemTimeMs(1_700_000_099_000L);
        deadLetters = new DeadLetters(context);
    }

    private DeadLetter onlyLetter() {
        assertThat(context.forwarded()).hasSize(1);
        var forward = context.forwarded().get(0);
        assertThat(forward.childName()).contains(SinkNames.DEAD_LETTERS);
        return (DeadLetter) forward.record().value();
    }

    @Test
    void shouldSendTheOriginalBytesWhereTheyCameFromAndWhyToTheDeadLetterSink() {
        byte[] key = {1, 2};
        byte[] value = {3, 4, 5};

        deadLetters.send(
                new Record<>(key, value, 1_700_000_000_000L),
                DeadLetterReason.PROCESSING_FAILED,
                new IllegalStateException("boom"));

        var forward = context.forwarded().get(0);
        assertThat(forward.record().key()).isEqualTo("alluse.commands-3@42");
        assertThat(forward.record().timestamp()).isEqualTo(1_700_000_000_000L);
        DeadLetter letter = onlyLetter();
        assertThat(letter.getSourceTopic()).isEqualTo("alluse.commands");
        assertThat(letter.getSourcePartition()).isEqualTo(3);
        assertThat(letter.getSourceOffset()).isEqualTo(42);
        assertThat(letter.getSourceTimestampMs()).isEqualTo(1_700_000_000_000L);
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(key));
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
        assertThat(letter.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.getErrorMessage()).isEqualTo("boom");
        assertThat(letter.getApplicationId()).isEqualTo("ledger-app");
        assertThat(letter.getFailedAtMs()).isEqualTo(1_700_000_099_000L);
    }

    @Test
    void shouldNameTheCalendarRecordARelayedEventCameFrom() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CalendarRelay.RELAYED_HEADER, "alluse.calendar/3/7".getBytes(StandardCharsets.UTF_8));

        deadLetters.send(
                new Record<>(null, new byte[] {9}, 1_700_000_000_000L, headers),
                DeadLetterReason.DESERIALIZATION_FAILED,
                new IllegalArgumentException("truncated"));

        assertThat(context.forwarded().get(0).record().key()).isEqualTo("alluse.calendar-3@7");
        DeadLetter letter = onlyLetter();
        assertThat(letter.getSourceTopic()).isEqualTo("alluse.calendar");
        assertThat(letter.getSourcePartition()).isEqualTo(3);
        assertThat(letter.getSourceOffset()).isEqualTo(7);
    }

    @Test
    void shouldTruncateAVeryLongErrorMessage() {
        deadLetters.send(
                new Record<>(null, new byte[] {1}, 0L),
                DeadLetterReason.PROCESSING_FAILED,
                new IllegalStateException("x".repeat(5_000)));

        assertThat(onlyLetter().getErrorMessage())
                .hasSize(2_003)
                .startsWith("xxx")
                .endsWith("...");
    }

    @Test
    void shouldKeepAMissingKeyValueAndMessageAsNothing() {
        deadLetters.send(
                new Record<>(null, null, 0L), DeadLetterReason.DESERIALIZATION_FAILED, new NullPointerException());

        DeadLetter letter = onlyLetter();
        assertThat(letter.getKey()).isNull();
        assertThat(letter.getValue()).isNull();
        assertThat(letter.getErrorMessage()).isEqualTo("null");
    }

    @Test
    void shouldForwardToTheSinkItWasGivenWhenItServesAnotherSubTopology() {
        new DeadLetters(context, SinkNames.EXECUTION_DEAD_LETTERS)
                .send(new Record<>(null, null, 0L), DeadLetterReason.INVALID_KEY, new IllegalArgumentException("k"));

        assertThat(context.forwarded())
                .singleElement()
                .satisfies(forward -> assertThat(forward.childName()).contains(SinkNames.EXECUTION_DEAD_LETTERS));
    }
}
