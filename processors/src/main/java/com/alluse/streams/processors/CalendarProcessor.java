package com.alluse.streams.processors;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.AccountLookup;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.processors.internals.ChangeWriter;
import com.alluse.streams.processors.internals.InvariantViolationException;
import com.alluse.streams.processors.internals.LedgerIo;
import com.alluse.streams.processors.internals.Receipts;
import com.alluse.streams.processors.internals.StepReads;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a calendar event (written once to every partition) to every portfolio this task holds,
 * once: a repeated event id is ignored.
 */
public final class CalendarProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(CalendarProcessor.class);

    private final PeriodClose rules;
    private final Deserializer<?> valueDeserializer;
    private final long receiptRetentionMs;
    private LedgerIo<CalendarEvent> io;

    public CalendarProcessor(CalendarRules rules, Deserializer<?> valueDeserializer, long receiptRetentionMs) {
        this(
                (event, cause, portfolio, accounts) -> close(rules, event, cause, portfolio, accounts),
                valueDeserializer,
                receiptRetentionMs);
    }

    /** With other rules than the domain's: tests use it to hand the write path a broken period close. */
    CalendarProcessor(PeriodClose rules, Deserializer<?> valueDeserializer, long receiptRetentionMs) {
        this.rules = rules;
        this.valueDeserializer = valueDeserializer;
        this.receiptRetentionMs = receiptRetentionMs;
    }

    /** Closes a calendar period for one portfolio, without side effects. */
    @FunctionalInterface
    interface PeriodClose {
        Changes close(CalendarEvent event, Cause cause, Portfolio portfolio, AccountLookup accounts);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.io = LedgerIo.init(context, valueDeserializer, CalendarEvent.class, receiptRetentionMs);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<CalendarEvent> decoded = io.decoder().decode(record);
        if (decoded.isEmpty()) {
            return;
        }
        CalendarEvent event = decoded.get();
        String receiptKey = Receipts.calendarKey(event.getEventId());
        if (io.receipts().find(receiptKey).isPresent()) {
            LOG.info("Calendar event {} was already applied; ignoring the repeat", event.getEventId());
            return;
        }
        int portfolioCount = applyToEveryPortfolio(record, event);
        RecordMetadata source = io.context().recordMetadata().orElseThrow();
        byte[] eventIdBytes = event.getEventId().getBytes(StandardCharsets.UTF_8);
        io.receipts()
                .record(
                        receiptKey,
                        new CommandReceipt(
                                event.getEventId(),
                                ByteBuffer.wrap(eventIdBytes),
                                CommandOutcome.ACCEPTED,
                                null,
                                source.partition(),
                                source.offset()));
        LOG.info("Applied {} to {} portfolios of partition {}", event.getEventId(), portfolioCount, source.partition());
    }

    /**
     * Closes the period for each portfolio in turn: decide and prepare its records, then write
     * them. A portfolio the rules or the mapping fail on (a bug, an overflow) is dead-lettered
     * with its id and skipped, with nothing written for it, so one bad portfolio neither stops the
     * task nor keeps every other portfolio from closing its period.
     */
    private int applyToEveryPortfolio(Record<byte[], byte[]> record, CalendarEvent event) {
        Cause cause = new Cause(event.getEventId(), event.getEventTimeMs());
        int count = 0;
        try (KeyValueIterator<String, PortfolioState> all =
                io.writer().portfolios().all()) {
            while (all.hasNext()) {
                KeyValue<String, PortfolioState> next = all.next();
                ChangeWriter.Prepared prepared;
                try {
                    StepReads reads = io.writer().read(next.key, next.value);
                    Changes changes =
                            rules.close(event, cause, reads.portfolio().orElseThrow(), reads.accounts());
                    prepared = io.writer().prepare(reads, cause, changes);
                } catch (RuntimeException e) {
                    // An invariant violation names the portfolio and event already, and the monitoring counts it by its
                    // class.
                    RuntimeException error = e instanceof InvariantViolationException
                            ? e
                            : new IllegalStateException(
                                    "portfolio " + next.key + " could not close " + event.getEventId() + ": " + e, e);
                    io.deadLetters().send(record, DeadLetterReason.PROCESSING_FAILED, error);
                    continue;
                }
                io.writer().write(prepared, record.timestamp());
                count++;
            }
        }
        return count;
    }

    private static Changes close(
            CalendarRules rules, CalendarEvent event, Cause cause, Portfolio portfolio, AccountLookup accounts) {
        // Exhaustive: a new calendar kind fails compilation instead of being taken for a quarter close.
        return switch (event.getKind()) {
            case WEEK_CLOSE -> rules.weekClose(cause, event.getPeriodId(), portfolio, accounts);
            case QUARTER_CLOSE -> rules.quarterClose(cause, event.getPeriodId(), portfolio, accounts);
        };
    }
}
