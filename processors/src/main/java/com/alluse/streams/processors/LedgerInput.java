package com.alluse.streams.processors;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The ledger task's one input, the commands partition: hands each record, still as bytes, to the command node, or
 * to the calendar node when it is a calendar event the {@link CalendarRelay} copied in; then asks for an early commit
 * if the task keeps up ({@link EarlyCommit}), so a result does not wait for the commit interval to become readable.
 */
public final class LedgerInput implements Processor<byte[], byte[], byte[], byte[]> {
    public static final String NAME = "ledger-input";

    private final String commandNode;
    private final String calendarNode;
    private ProcessorContext<byte[], byte[]> context;
    private EarlyCommit earlyCommit;

    public LedgerInput(String commandNode, String calendarNode) {
        this.commandNode = commandNode;
        this.calendarNode = calendarNode;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.earlyCommit = EarlyCommit.of(context.appConfigs());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        context.forward(record, CalendarRelay.isRelayed(record) ? calendarNode : commandNode);
        earlyCommit.afterRecord(context, record.timestamp());
    }
}
