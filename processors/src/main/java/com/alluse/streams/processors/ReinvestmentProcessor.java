package com.alluse.streams.processors;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.internal.PendingCalendarClose;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.processors.internals.LedgerIo;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The quarter close of one portfolio: reinvests the net earnings of its ACTIVE Rev-Acc and Com-Acc accounts, 75%
 * to contracts and 25% to LEAPS, once they reach the minimum, and defers them otherwise (docs/rules.md section 6).
 *
 * <p>It receives, keyed by portfolio id, the quarter close the calendar sweep is applying: from the calendar
 * processor as the sweep reaches the portfolio, or from the command processor when a command on a portfolio the
 * sweep has not reached settles the close first. The hand-over is a synchronous call inside that step, so the
 * order of closes and commands per portfolio, and the transaction, are the sweep's; what is written is what the
 * calendar processor wrote when it applied quarter closes itself.
 */
public final class ReinvestmentProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    public static final String NAME = "reinvestment";

    private final PeriodClose rules;
    private final Deserializer<?> valueDeserializer;
    private final long receiptRetentionMs;
    private LedgerIo<CalendarEvent> io;
    private PendingCloseEvents events;

    public ReinvestmentProcessor(CalendarRules rules, Deserializer<?> valueDeserializer, long receiptRetentionMs) {
        this(PeriodClose.quarterOf(rules), valueDeserializer, receiptRetentionMs);
    }

    /** With other rules: tests hand the write path a broken close. */
    ReinvestmentProcessor(PeriodClose rules, Deserializer<?> valueDeserializer, long receiptRetentionMs) {
        this.rules = rules;
        this.valueDeserializer = valueDeserializer;
        this.receiptRetentionMs = receiptRetentionMs;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.io = LedgerIo.init(context, valueDeserializer, CalendarEvent.class, receiptRetentionMs);
        this.events = new PendingCloseEvents(valueDeserializer);
    }

    /**
     * @throws IllegalStateException if handed anything but a quarter close: the wiring is wrong, and closing
     *     another period with the reinvestment rules would write a wrong ledger
     */
    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (!(record.value() instanceof PendingCalendarClose close)) {
            throw new IllegalStateException("the reinvestment processor takes pending calendar closes, got "
                    + (record.value() == null
                            ? "null"
                            : record.value().getClass().getName()));
        }
        CalendarEvent event = events.event(close);
        if (event.getKind() != CalendarKind.QUARTER_CLOSE) {
            throw new IllegalStateException("the reinvestment processor closes quarters, got " + event.getEventId());
        }
        PortfolioState stored = io.writer().portfolios().get(record.key());
        if (stored != null) {
            PortfolioClose.apply(io, rules, close, event, record.key(), stored);
        }
    }
}
