package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.processors.ProcessorFixture;
import com.alluse.streams.processors.SinkNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordDecoderTest {
    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private RecordDecoder<AccountCommand> decoder;

    @BeforeEach
    void start() {
        fixture = new ProcessorFixture(stateDir);
        decoder = new RecordDecoder<>(
                fixture.context, fixture.deserializer(), AccountCommand.class, new DeadLetters(fixture.context));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private List<DeadLetter> deadLetters() {
        return fixture.context.forwarded(SinkNames.DEAD_LETTERS).stream()
                .map(forward -> (DeadLetter) forward.record().value())
                .toList();
    }

    @Test
    void shouldDecodeARecordOfTheExpectedTypeWithoutDeadLettering() {
        AccountCommand command = fixture.command("c1", "P1", new Deposit("P1:GEN", 100L));

        assertThat(decoder.decode(fixture.commandRecord(command))).contains(command);
        assertThat(fixture.context.forwarded()).isEmpty();
    }

    @Test
    void shouldDeadLetterUndecodableBytesWithTheirKeyAndValue() {
        byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);

        Record<byte[], byte[]> record =
                fixture.arrive(ProcessorFixture.COMMANDS_TOPIC, ProcessorFixture.utf8("P1"), garbage);

        assertThat(decoder.decode(record)).isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.DESERIALIZATION_FAILED);
            assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(ProcessorFixture.utf8("P1")));
            assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(garbage));
        });
    }

    @Test
    void shouldDeadLetterARecordWithoutAValue() {
        assertThat(decoder.decode(fixture.arrive(ProcessorFixture.COMMANDS_TOPIC, ProcessorFixture.utf8("P1"), null)))
                .isEmpty();

        assertThat(deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.DESERIALIZATION_FAILED);
            assertThat(letter.getErrorMessage()).isEqualTo("record has no value");
            assertThat(letter.getValue()).isNull();
        });
    }

    @Test
    void shouldDeadLetterARecordOfAnotherSchemaAsWrongSchema() {
        byte[] calendarEvent = fixture.bytes(
                ProcessorFixture.COMMANDS_TOPIC, fixture.calendarEvent(CalendarKind.QUARTER_CLOSE, "2026-Q1"));

        assertThat(decoder.decode(fixture.arrive(ProcessorFixture.COMMANDS_TOPIC, null, calendarEvent)))
                .isEmpty();

        assertThat(deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(DeadLetterReason.WRONG_SCHEMA);
            assertThat(letter.getErrorMessage())
                    .isEqualTo("expected a AccountCommand, got com.alluse.streams.avro.CalendarEvent");
        });
    }
}
