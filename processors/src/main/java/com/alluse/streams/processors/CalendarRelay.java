package com.alluse.streams.processors;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Copies each calendar record, unchanged and marked {@link #RELAYED_HEADER}, into the commands partition of the
 * same number (the two topics are co-partitioned and a calendar event is published to every partition). The ledger
 * task then reads its commands and its closes from one log in one order, so it never waits on a second, nearly
 * always empty, input partition, and a replay of the commands topic meets every close where the live pipeline did
 * (docs/architecture.md, "One input per ledger task").
 */
public final class CalendarRelay implements Processor<byte[], byte[], CalendarRelay.Copy, byte[]> {
    public static final String NAME = "calendar-relay";
    /** Marks a commands record as a relayed calendar event; its value is {@code <topic>/<partition>/<offset>}. */
    public static final String RELAYED_HEADER = "alluse.relayed-from";

    /** The key of a relayed copy: the calendar record's key and the partition it came from and goes to. */
    public record Copy(int partition, byte[] key) {}

    private ProcessorContext<Copy, byte[]> context;

    @Override
    public void init(ProcessorContext<Copy, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(RELAYED_HEADER, new Origin(source.topic(), source.partition(), source.offset()).mark());
        context.forward(
                record.withKey(new Copy(source.partition(), record.key())).withHeaders(headers));
    }

    /** Where a relayed copy's calendar record was read; written into and read from {@link #RELAYED_HEADER}. */
    public record Origin(String topic, int partition, long offset) {
        byte[] mark() {
            return (topic + "/" + partition + "/" + offset).getBytes(StandardCharsets.UTF_8);
        }

        static Optional<Origin> parse(byte[] mark) {
            String[] parts = new String(mark, StandardCharsets.UTF_8).split("/", -1);
            try {
                return parts.length == 3
                        ? Optional.of(new Origin(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2])))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** Whether a commands record is a relayed calendar event. */
    public static boolean isRelayed(Record<?, ?> record) {
        return record.headers().lastHeader(RELAYED_HEADER) != null;
    }

    /** Where a relayed copy came from; empty for a record without the mark or with a malformed one. */
    public static Optional<Origin> origin(Record<?, ?> record) {
        Header mark = record.headers().lastHeader(RELAYED_HEADER);
        return mark == null || mark.value() == null ? Optional.empty() : Origin.parse(mark.value());
    }

    /** Writes a copy's original key. */
    public static Serializer<Copy> keySerializer() {
        return (topic, copy) -> copy == null ? null : copy.key();
    }

    /** Sends a copy to the partition of the number it came from. */
    public static StreamPartitioner<Copy, byte[]> partitioner() {
        return (topic, copy, value, partitions) -> Optional.of(Set.of(copy.partition()));
    }
}
