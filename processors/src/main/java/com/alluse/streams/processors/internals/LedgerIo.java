package com.alluse.streams.processors.internals;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/** What a ledger processor works with once initialised: its context, stores, receipts, decoder and dead letters. */
public record LedgerIo<T>(
        ProcessorContext<String, SpecificRecord> context,
        ChangeWriter writer,
        Receipts receipts,
        DeadLetters deadLetters,
        RecordDecoder<T> decoder) {

    public static <T> LedgerIo<T> init(
            ProcessorContext<String, SpecificRecord> context,
            Deserializer<?> valueDeserializer,
            Class<T> valueType,
            long receiptRetentionMs) {
        DeadLetters deadLetters = new DeadLetters(context);
        return new LedgerIo<>(
                context,
                new ChangeWriter(context),
                new Receipts(context, receiptRetentionMs),
                deadLetters,
                new RecordDecoder<>(context, valueDeserializer, valueType, deadLetters));
    }
}
