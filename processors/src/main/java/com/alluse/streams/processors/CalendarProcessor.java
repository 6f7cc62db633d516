package com.alluse.streams.processors;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.processors.internals.LedgerIo;
import com.alluse.streams.processors.internals.Receipts;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a calendar event (written once to every partition) to every portfolio this task holds,
 * once: a repeated event id is ignored. The close runs in slices ({@link CalendarSweep}): the first
 * when the event arrives, the next ones from a wall-clock punctuation, with the task's other
 * records processed in between. It closes weeks itself and hands each portfolio of a quarter close
 * to the {@link ReinvestmentProcessor}.
 */
public final class CalendarProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
    /** How often the next slice of a close in progress runs; commands are processed in between. */
    static final Duration SLICE_INTERVAL = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(CalendarProcessor.class);

    private final PeriodClose rules;
    private final Deserializer<?> valueDeserializer;
    private final long receiptRetentionMs;
    private final int slicePortfolios;
    private final long sliceBudgetNanos;
    private LedgerIo<CalendarEvent> io;
    private CalendarSweep sweep;

    public CalendarProcessor(CalendarRules rules, Deserializer<?> valueDeserializer, long receiptRetentionMs) {
        this(
                PeriodClose.weekOf(rules),
                valueDeserializer,
                receiptRetentionMs,
                CalendarSweep.DEFAULT_SLICE_PORTFOLIOS,
                CalendarSweep.DEFAULT_SLICE_BUDGET_NANOS);
    }

    /**
     * With other week-close rules or slices than the defaults: tests hand the write path a broken close, or small
     * slices.
     */
    CalendarProcessor(
            PeriodClose rules,
            Deserializer<?> valueDeserializer,
            long receiptRetentionMs,
            int slicePortfolios,
            long sliceBudgetNanos) {
        this.rules = rules;
        this.sliceBudgetNanos = sliceBudgetNanos;
        this.valueDeserializer = valueDeserializer;
        this.receiptRetentionMs = receiptRetentionMs;
        this.slicePortfolios = slicePortfolios;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.io = LedgerIo.init(context, valueDeserializer, CalendarEvent.class, receiptRetentionMs);
        this.sweep = new CalendarSweep(io, rules, valueDeserializer, slicePortfolios, sliceBudgetNanos);
        context.schedule(SLICE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, timestampMs -> sweep.continueSweep());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<CalendarEvent> decoded = io.decoder().decode(record);
        if (decoded.isEmpty()) {
            return;
        }
        CalendarEvent event = decoded.get();
        if (io.receipts().find(Receipts.calendarKey(event.getEventId())).isPresent()) {
            LOG.info("Calendar event {} was already applied; ignoring the repeat", event.getEventId());
            return;
        }
        sweep.start(record, io.context().recordMetadata().orElseThrow(), event);
    }
}
