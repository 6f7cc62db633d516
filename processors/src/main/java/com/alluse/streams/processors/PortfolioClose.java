package com.alluse.streams.processors;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.internal.PendingCalendarClose;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.processors.internals.ChangeWriter;
import com.alluse.streams.processors.internals.DeadLetters;
import com.alluse.streams.processors.internals.InvariantViolationException;
import com.alluse.streams.processors.internals.LedgerIo;
import com.alluse.streams.processors.internals.StepReads;
import java.nio.charset.StandardCharsets;

/** A period close applied to one portfolio, by the calendar processor (weeks) or the reinvestment processor (quarters). */
final class PortfolioClose {
    private PortfolioClose() {}

    /**
     * Closes the period for one portfolio: decide and prepare its records, then write them. A portfolio the rules or
     * the mapping fail on (a bug, an overflow) is dead-lettered with its id and skipped, with nothing written for it,
     * so one bad portfolio neither stops the task nor keeps the others from closing their period.
     *
     * @return whether the portfolio was closed (false: dead-lettered)
     */
    static boolean apply(
            LedgerIo<?> io,
            PeriodClose rules,
            PendingCalendarClose close,
            CalendarEvent event,
            String portfolioId,
            PortfolioState stored) {
        Cause cause = new Cause(event.getEventId(), event.getEventTimeMs());
        ChangeWriter.Prepared prepared;
        try {
            StepReads reads = io.writer().read(portfolioId, stored);
            Changes changes = rules.close(event, cause, reads.portfolio().orElseThrow(), reads.accounts());
            prepared = io.writer().prepare(reads, cause, changes);
        } catch (RuntimeException e) {
            // An invariant violation names the portfolio and event already; the monitoring counts it by its class.
            RuntimeException error = e instanceof InvariantViolationException
                    ? e
                    : new IllegalStateException(
                            "portfolio " + portfolioId + " could not close " + event.getEventId() + ": " + e, e);
            io.deadLetters()
                    .send(
                            new DeadLetters.Source(
                                    close.getSourceTopic(),
                                    close.getSourcePartition(),
                                    close.getSourceOffset(),
                                    close.getSourceTimestampMs()),
                            event.getEventId().getBytes(StandardCharsets.UTF_8),
                            PendingCloseEvents.bytes(close),
                            DeadLetterReason.PROCESSING_FAILED,
                            error);
            return false;
        }
        io.writer().write(prepared, close.getSourceTimestampMs());
        return true;
    }
}
