package com.alluse.streams.processors;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.processors.internals.ChangeWriter;
import com.alluse.streams.processors.internals.DeadLetters;
import com.alluse.streams.processors.internals.PortfolioStateMapper;
import com.alluse.streams.processors.internals.Receipts;
import com.alluse.streams.processors.internals.RecordDecoder;
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

    private final CalendarRules rules;
    private final Deserializer<?> valueDeserializer;
    private final long receiptRetentionMs;
    private ProcessorContext<String, SpecificRecord> context;
    private ChangeWriter writer;
    private Receipts receipts;
    private DeadLetters deadLetters;
    private RecordDecoder<CalendarEvent> decoder;

    public CalendarProcessor(CalendarRules rules, Deserializer<?> valueDeserializer, long receiptRetentionMs) {
        this.rules = rules;
        this.valueDeserializer = valueDeserializer;
        this.receiptRetentionMs = receiptRetentionMs;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.writer = new ChangeWriter(context);
        this.receipts = new Receipts(context, receiptRetentionMs);
        this.deadLetters = new DeadLetters(context);
        this.decoder = new RecordDecoder<>(context, valueDeserializer, CalendarEvent.class, deadLetters);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<CalendarEvent> decoded = decoder.decode(record);
        if (decoded.isEmpty()) {
            return;
        }
        CalendarEvent event = decoded.get();
        String receiptKey = Receipts.calendarKey(event.getEventId());
        if (receipts.find(receiptKey).isPresent()) {
            LOG.info("Calendar event {} was already applied; ignoring the repeat", event.getEventId());
            return;
        }
        int portfolioCount = applyToEveryPortfolio(event, record.timestamp());
        RecordMetadata source = context.recordMetadata().orElseThrow();
        byte[] eventIdBytes = event.getEventId().getBytes(StandardCharsets.UTF_8);
        receipts.record(receiptKey, new CommandReceipt(event.getEventId(), ByteBuffer.wrap(eventIdBytes),
                CommandOutcome.ACCEPTED, null, source.partition(), source.offset()));
        LOG.info("Applied {} to {} portfolios of partition {}", event.getEventId(), portfolioCount, source.partition());
    }

    private int applyToEveryPortfolio(CalendarEvent event, long timestampMs) {
        Cause cause = new Cause(event.getEventId(), event.getEventTimeMs());
        int count = 0;
        try (KeyValueIterator<String, PortfolioState> all = writer.portfolios().all()) {
            while (all.hasNext()) {
                KeyValue<String, PortfolioState> next = all.next();
                Portfolio portfolio = PortfolioStateMapper.toDomain(next.value);
                Changes changes = event.getKind() == CalendarKind.WEEK_CLOSE
                        ? rules.weekClose(cause, event.getPeriodId(), portfolio, writer.accountLookup())
                        : rules.quarterClose(cause, event.getPeriodId(), portfolio, writer.accountLookup());
                writer.write(next.key, cause, changes, timestampMs);
                count++;
            }
        }
        return count;
    }
}
