package com.alluse.streams.processors;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.avro.internal.PendingCalendarClose;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.processors.internals.LedgerIo;
import com.alluse.streams.processors.internals.Receipts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a calendar close to the portfolios of a task in bounded slices, so that a close never
 * holds the partition for long (docs/architecture.md, "Calendar closes in slices"). The sweep walks
 * the portfolio store in key order, a slice at a time, and stores how far it has come, so it resumes
 * after a restart. Order per portfolio stays that of the input: before any step on a portfolio the
 * sweep has not reached, {@link #settle} applies the close to it first and marks it, and the sweep
 * skips marked portfolios; a portfolio opened after the event is marked on its first command, so
 * it is not closed. One close at a time: a second event finishes the first one before it starts.
 * A week close is applied here; each portfolio of a quarter close goes to the reinvestment processor.
 */
final class CalendarSweep {
    /** Portfolios per slice at most (a week close takes ~100 µs per portfolio here). */
    static final int DEFAULT_SLICE_PORTFOLIOS = 200;
    /**
     * Time a slice may take: with a slice every {@link CalendarProcessor#SLICE_INTERVAL} (50 ms) per
     * task, three tasks of one thread sweeping at once take at most ~12% of it, so a thread that also
     * carries commands (and the commands that settle their portfolio first) is not saturated by a
     * close. At 5 ms (~30%) the close of 10,000 portfolios took 2.2 s and the p99 at 2,000 commands/s
     * was 400-430 ms; at 2 ms, 3.8-4.9 s and 145-340 ms (BENCHMARKS.md, session 12). A first attempt
     * without a time bound ran slices back to back and stalled commands as the single-step close had.
     */
    static final long DEFAULT_SLICE_BUDGET_NANOS = 2_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(CalendarSweep.class);
    private static final String KEY = "close";

    private final LedgerIo<?> io;
    private final PeriodClose weekClose;
    private final PendingCloseEvents events;
    private final int slicePortfolios;
    private final long sliceBudgetNanos;
    private final KeyValueStore<String, PendingCalendarClose> pending;

    /**
     * @param slicePortfolios portfolios a slice closes at most
     * @param sliceBudgetNanos time after which a slice stops (it always closes at least one portfolio)
     */
    CalendarSweep(
            LedgerIo<?> io,
            PeriodClose weekClose,
            Deserializer<?> valueDeserializer,
            int slicePortfolios,
            long sliceBudgetNanos) {
        if (slicePortfolios < 1 || sliceBudgetNanos < 0) {
            throw new IllegalArgumentException("a slice needs a positive size and a budget >= 0, got " + slicePortfolios
                    + " portfolios and " + sliceBudgetNanos + " ns");
        }
        this.sliceBudgetNanos = sliceBudgetNanos;
        this.io = io;
        this.weekClose = weekClose;
        this.events = new PendingCloseEvents(valueDeserializer);
        this.slicePortfolios = slicePortfolios;
        this.pending = io.context().getStateStore(StoreNames.CALENDAR_PENDING);
    }

    /**
     * Starts applying a decoded calendar record (not applied before) with its first slice; an
     * earlier close still in progress is finished first.
     */
    void start(Record<byte[], byte[]> record, RecordMetadata source, CalendarEvent event) {
        PendingCalendarClose earlier = pending.get(KEY);
        if (earlier != null) {
            sweep(earlier, Integer.MAX_VALUE, Long.MAX_VALUE);
        }
        io.receipts()
                .record(Receipts.calendarKey(event.getEventId()), receipt(event, source.partition(), source.offset()));
        PendingCalendarClose close = PendingCalendarClose.newBuilder()
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setSourceTimestampMs(record.timestamp())
                .setValue(ByteBuffer.wrap(record.value()))
                .build();
        sweep(close, slicePortfolios, sliceBudgetNanos);
    }

    /** The next slice of the close in progress, if there is one (a punctuation). */
    void continueSweep() {
        PendingCalendarClose close = pending.get(KEY);
        if (close != null) {
            sweep(close, slicePortfolios, sliceBudgetNanos);
        }
    }

    /** Before a step on a portfolio: applies the close in progress to it if the sweep has not yet. */
    void settle(String portfolioId) {
        PendingCalendarClose close = pending.get(KEY);
        if (close == null || sweptPast(close, portfolioId)) {
            return;
        }
        CalendarEvent event = events.event(close);
        String marker = Receipts.calendarPortfolioKey(event.getEventId(), portfolioId);
        if (io.receipts().find(marker).isPresent()) {
            return;
        }
        PortfolioState stored = io.writer().portfolios().get(portfolioId);
        if (stored != null && closeOne(close, event, portfolioId, stored)) {
            close.setClosedPortfolios(close.getClosedPortfolios() + 1);
            pending.put(KEY, close);
        }
        io.receipts().record(marker, receipt(event, close.getSourcePartition(), close.getSourceOffset()));
    }

    private void sweep(PendingCalendarClose close, int maxPortfolios, long budgetNanos) {
        long startNanos = System.nanoTime();
        CalendarEvent event = events.event(close);
        String from = close.getSweptThroughPortfolioId();
        int visited = 0;
        boolean finished;
        try (KeyValueIterator<String, PortfolioState> portfolios = from == null
                ? io.writer().portfolios().all()
                : io.writer().portfolios().range(from, null)) {
            while (visited < maxPortfolios
                    && (visited == 0 || System.nanoTime() - startNanos < budgetNanos)
                    && portfolios.hasNext()) {
                KeyValue<String, PortfolioState> next = portfolios.next();
                if (next.key.equals(from)) {
                    continue; // the range starts at the last portfolio swept
                }
                visited++;
                close.setSweptThroughPortfolioId(next.key);
                boolean settledAhead = io.receipts()
                        .find(Receipts.calendarPortfolioKey(event.getEventId(), next.key))
                        .isPresent();
                if (!settledAhead && closeOne(close, event, next.key, next.value)) {
                    close.setClosedPortfolios(close.getClosedPortfolios() + 1);
                }
            }
            finished = !portfolios.hasNext();
        }
        if (finished) {
            pending.delete(KEY);
            LOG.info(
                    "Applied {} to {} portfolios of partition {}",
                    event.getEventId(),
                    close.getClosedPortfolios(),
                    close.getSourcePartition());
        } else {
            pending.put(KEY, close);
        }
    }

    /**
     * Closes the period for one portfolio: a week here, a quarter by the reinvestment processor, to which the
     * portfolio is handed synchronously, so the order per portfolio and the transaction stay this step's.
     *
     * @return whether it was closed or handed over (false: dead-lettered)
     */
    private boolean closeOne(
            PendingCalendarClose close, CalendarEvent event, String portfolioId, PortfolioState stored) {
        return switch (event.getKind()) {
            case WEEK_CLOSE -> PortfolioClose.apply(io, weekClose, close, event, portfolioId, stored);
            case QUARTER_CLOSE -> {
                io.context()
                        .forward(
                                new Record<>(portfolioId, close, close.getSourceTimestampMs()),
                                ReinvestmentProcessor.NAME);
                yield true;
            }
        };
    }

    /** Whether the sweep has passed the portfolio, in the store's order (UTF-8 bytes). */
    private static boolean sweptPast(PendingCalendarClose close, String portfolioId) {
        String swept = close.getSweptThroughPortfolioId();
        return swept != null
                && Arrays.compareUnsigned(
                                portfolioId.getBytes(StandardCharsets.UTF_8), swept.getBytes(StandardCharsets.UTF_8))
                        <= 0;
    }

    private static CommandReceipt receipt(CalendarEvent event, int partition, long offset) {
        return new CommandReceipt(
                event.getEventId(),
                ByteBuffer.wrap(event.getEventId().getBytes(StandardCharsets.UTF_8)),
                CommandOutcome.ACCEPTED,
                null,
                partition,
                offset);
    }
}
