package com.alluse.streams.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalendarRelayTest {
    private static final byte[] KEY = "WEEK_CLOSE/2026-W49".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 2, 42};

    private final MockProcessorContext<CalendarRelay.Copy, byte[]> context = new MockProcessorContext<>();
    private final CalendarRelay relay = new CalendarRelay();

    @BeforeEach
    void setUp() {
        relay.init(context);
    }

    @Test
    void shouldCopyTheRecordUnchangedWithTheSourcePartitionAndAMarkOfWhereItCameFrom() {
        context.setRecordMetadata("alluse.calendar", 2, 17);
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[] {1});

        relay.process(new Record<>(KEY, VALUE, 1_700_000_000_000L, headers));

        assertThat(context.forwarded()).singleElement().satisfies(f -> {
            Record<? extends CalendarRelay.Copy, ? extends byte[]> copy = f.record();
            assertThat(copy.key().partition()).isEqualTo(2);
            assertThat(copy.key().key()).isEqualTo(KEY);
            assertThat(copy.value()).isEqualTo(VALUE);
            assertThat(copy.timestamp()).isEqualTo(1_700_000_000_000L);
            assertThat(copy.headers().lastHeader("trace").value()).containsExactly(1);
            assertThat(new String(
                            copy.headers()
                                    .lastHeader(CalendarRelay.RELAYED_HEADER)
                                    .value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("alluse.calendar/2/17");
            assertThat(CalendarRelay.isRelayed(copy)).isTrue();
            assertThat(CalendarRelay.origin(copy)).contains(new CalendarRelay.Origin("alluse.calendar", 2, 17));
        });
        assertThat(headers.lastHeader(CalendarRelay.RELAYED_HEADER))
                .as("the source record's headers are left alone")
                .isNull();
    }

    @Test
    void shouldSendACopyToThePartitionOfItsNumberUnderTheOriginalKey() {
        CalendarRelay.Copy copy = new CalendarRelay.Copy(5, KEY);

        assertThat(CalendarRelay.partitioner().partitions("alluse.commands", copy, VALUE, 6))
                .isEqualTo(Optional.of(Set.of(5)));
        assertThat(CalendarRelay.keySerializer().serialize("alluse.commands", copy))
                .isEqualTo(KEY);
        assertThat(CalendarRelay.keySerializer().serialize("alluse.commands", new CalendarRelay.Copy(0, null)))
                .isNull();
    }

    @Test
    void shouldNotTakeAnUnmarkedRecordForARelayedOne() {
        Record<byte[], byte[]> command = new Record<>(KEY, VALUE, 0L);

        assertThat(CalendarRelay.isRelayed(command)).isFalse();
        assertThat(CalendarRelay.origin(command)).isEmpty();
    }

    @Test
    void shouldNameNoOriginForAMalformedMark() {
        for (String mark : new String[] {"alluse.calendar/2", "alluse.calendar/x/17", "a/1/2/3", ""}) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CalendarRelay.RELAYED_HEADER, mark.getBytes(StandardCharsets.UTF_8));

            assertThat(CalendarRelay.origin(new Record<>(KEY, VALUE, 0L, headers)))
                    .as(mark)
                    .isEmpty();
        }
    }
}
