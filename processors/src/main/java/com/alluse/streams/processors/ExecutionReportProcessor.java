package com.alluse.streams.processors;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.domain.RejectReason;
import com.alluse.streams.processors.internals.CommandResults;
import com.alluse.streams.processors.internals.DeadLetters;
import com.alluse.streams.processors.internals.ExecutionFingerprints;
import com.alluse.streams.processors.internals.ExecutionFingerprints.FirstReport;
import com.alluse.streams.processors.internals.ExecutionReports;
import com.alluse.streams.processors.internals.RecordDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The market-integration processor (docs/rules.md section 7): turns each execution report (keyed
 * by account id) into the market-fact command it books, keyed by the account's portfolio, on the
 * commands topic, with command id {@code exec:<executionId>}. The ledger's receipts then book a
 * redelivered report once (DUPLICATE). Its own store remembers each execution id's whole report,
 * so the same id with other content (any field) is answered REJECTED IDEMPOTENCY_CONFLICT on the
 * results topic and never reaches the ledger. A report that cannot be decoded, is keyed by another
 * account or breaks the contract (amounts, id lengths, kind) is dead-lettered with its reason.
 *
 * <p>It is a sub-topology of its own: under exactly-once its store update and its output commit
 * together, and the ledger reads the commands like any other.
 */
public final class ExecutionReportProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
    public static final String NAME = "market-executions-processor";

    private final Deserializer<?> valueDeserializer;
    private final long retentionMs;
    private ProcessorContext<String, SpecificRecord> context;
    private DeadLetters deadLetters;
    private RecordDecoder<ExecutionReport> decoder;
    private ExecutionFingerprints fingerprints;

    /** @param retentionMs how long an execution id is remembered, in stream time (the ledger's idempotency retention) */
    public ExecutionReportProcessor(Deserializer<?> valueDeserializer, long retentionMs) {
        this.valueDeserializer = valueDeserializer;
        this.retentionMs = retentionMs;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.deadLetters = new DeadLetters(context, SinkNames.EXECUTION_DEAD_LETTERS);
        this.decoder = new RecordDecoder<>(context, valueDeserializer, ExecutionReport.class, deadLetters);
        this.fingerprints = new ExecutionFingerprints(context, retentionMs);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<ExecutionReport> decoded = decoder.decode(record);
        if (decoded.isEmpty()) {
            return;
        }
        ExecutionReport report = decoded.get();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!report.getAccountId().equals(key)) {
            deadLetters.send(
                    record,
                    DeadLetterReason.INVALID_KEY,
                    new IllegalArgumentException(
                            "record key " + key + " must be the report's accountId " + report.getAccountId()));
            return;
        }
        Optional<String> problem = ExecutionReports.problem(report);
        if (problem.isPresent()) {
            deadLetters.send(record, DeadLetterReason.INVALID_VALUE, new IllegalArgumentException(problem.get()));
            return;
        }
        AccountCommand command = ExecutionReports.toCommand(report);
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String fingerprint = fingerprints.fingerprintHex(report);
        Optional<FirstReport> first = fingerprints.find(report.getExecutionId());
        if (first.isPresent() && !first.get().fingerprintHex().equals(fingerprint)) {
            forwardConflict(record, command, source, first.get());
            return;
        }
        if (first.isEmpty()) {
            fingerprints.record(report.getExecutionId(), source, fingerprint);
        }
        // A repeat with the same content goes on too: the ledger answers it DUPLICATE with the first outcome.
        context.forward(
                new Record<>(command.getPortfolioId(), command, record.timestamp()), SinkNames.EXECUTION_COMMANDS);
    }

    private void forwardConflict(
            Record<byte[], byte[]> record, AccountCommand command, RecordMetadata source, FirstReport first) {
        CommandResult conflict = CommandResults.rejected(
                command,
                source,
                RejectReason.IDEMPOTENCY_CONFLICT,
                "execution id was first reported at " + source.topic() + " " + first.partition() + "@"
                        + first.offset() + " with other content; this report (" + source.partition() + "@"
                        + source.offset() + ") is not booked");
        context.forward(
                new Record<>(conflict.getPortfolioId(), conflict, record.timestamp()), SinkNames.EXECUTION_RESULTS);
    }
}
