package com.alluse.streams.processors;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.domain.AccountIds;
import com.alluse.streams.domain.AccountLookup;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.CommandRules;
import com.alluse.streams.domain.Decision;
import com.alluse.streams.domain.Portfolio;
import com.alluse.streams.domain.RejectReason;
import com.alluse.streams.processors.internals.ChangeWriter;
import com.alluse.streams.processors.internals.CommandFingerprint;
import com.alluse.streams.processors.internals.CommandMapper;
import com.alluse.streams.processors.internals.CommandResults;
import com.alluse.streams.processors.internals.LedgerIo;
import com.alluse.streams.processors.internals.Receipts;
import com.alluse.streams.processors.internals.StepReads;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Adapts command records to the rules: decode (else dead-letter), deduplicate by command id,
 * decide, write the changes and exactly one result. Input arrives as bytes so that a record that
 * cannot be decoded is dead-lettered in the same transaction instead of stopping the task.
 */
public final class CommandProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
    private final Decider rules;
    private final PeriodClose calendarRules;
    private final Deserializer<?> valueDeserializer;
    private final long receiptRetentionMs;
    private final CommandFingerprint fingerprint = new CommandFingerprint();
    private LedgerIo<AccountCommand> io;
    private CalendarSweep calendar;

    /** The calendar rules close a period for a portfolio the sweep of a close in progress has not reached yet. */
    public CommandProcessor(
            CommandRules rules,
            CalendarRules calendarRules,
            Deserializer<?> valueDeserializer,
            long receiptRetentionMs) {
        this(rules::decide, PeriodClose.weekOf(calendarRules), valueDeserializer, receiptRetentionMs);
    }

    /** With other rules than the domain's: tests use it to hand the write path a broken decision. */
    CommandProcessor(
            Decider rules, PeriodClose calendarRules, Deserializer<?> valueDeserializer, long receiptRetentionMs) {
        this.rules = rules;
        this.calendarRules = calendarRules;
        this.valueDeserializer = valueDeserializer;
        this.receiptRetentionMs = receiptRetentionMs;
    }

    /** What {@link CommandRules#decide} does: decides a command against the stored state, without side effects. */
    @FunctionalInterface
    interface Decider {
        Decision decide(Cause cause, String portfolioId, Command command, Portfolio portfolio, AccountLookup accounts);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.io = LedgerIo.init(context, valueDeserializer, AccountCommand.class, receiptRetentionMs);
        // Only settles portfolios; the calendar processor's instance sweeps (its slice bounds are unused here).
        this.calendar = new CalendarSweep(
                io,
                calendarRules,
                valueDeserializer,
                CalendarSweep.DEFAULT_SLICE_PORTFOLIOS,
                CalendarSweep.DEFAULT_SLICE_BUDGET_NANOS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Optional<AccountCommand> decoded = io.decoder().decode(record);
        if (decoded.isEmpty()) {
            return;
        }
        AccountCommand command = decoded.get();
        RecordMetadata source = io.context().recordMetadata().orElseThrow();
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!command.getPortfolioId().equals(key)) {
            emit(
                    record,
                    CommandResults.rejected(
                            command,
                            source,
                            RejectReason.INVALID_COMMAND,
                            "record key must be the portfolio id, so that the command reaches the partition holding its portfolio"));
            return;
        }
        if (!AccountIds.isValidPortfolioId(command.getPortfolioId())) {
            // Before any receipt is read or written: only a valid id keeps receipt keys apart (Receipts.commandKey).
            emit(
                    record,
                    CommandResults.rejected(
                            command, source, RejectReason.INVALID_COMMAND, AccountIds.PORTFOLIO_ID_RULE));
            return;
        }
        // A calendar close in progress reaches this portfolio before the command does.
        calendar.settle(command.getPortfolioId());
        String receiptKey = Receipts.commandKey(command.getPortfolioId(), command.getCommandId());
        byte[] commandFingerprint = fingerprint.of(command);
        Optional<CommandReceipt> first = io.receipts().find(receiptKey);
        if (first.isPresent()) {
            emit(record, resultForRepeat(command, source, first.get(), commandFingerprint));
            return;
        }
        CommandResult result = decideAndWrite(record, command, source);
        if (result.getReasonCode() != ReasonCode.INTERNAL_ERROR) {
            io.receipts()
                    .record(
                            receiptKey,
                            new CommandReceipt(
                                    command.getCommandId(),
                                    ByteBuffer.wrap(commandFingerprint),
                                    result.getOutcome(),
                                    result.getReasonCode(),
                                    source.partition(),
                                    source.offset()));
        }
        emit(record, result);
    }

    private static CommandResult resultForRepeat(
            AccountCommand command, RecordMetadata source, CommandReceipt first, byte[] fingerprint) {
        if (Arrays.equals(first.getPayloadFingerprint().array(), fingerprint)) {
            return CommandResults.duplicate(command, source, first);
        }
        return CommandResults.rejected(
                command,
                source,
                RejectReason.IDEMPOTENCY_CONFLICT,
                "command id was used at " + first.getCommandPartition() + "@" + first.getCommandOffset()
                        + " for a different command");
    }

    /**
     * Decides, then writes. A failure while deciding (a bug, an overflow) or while preparing the
     * records to write (mapping) rejects the command as INTERNAL_ERROR and dead-letters it, with
     * nothing written; a failure while writing is an infrastructure fault and propagates, so the
     * transaction aborts and the record is retried.
     */
    private CommandResult decideAndWrite(Record<byte[], byte[]> record, AccountCommand command, RecordMetadata source) {
        Cause cause = new Cause(command.getCommandId(), command.getEventTimeMs());
        String portfolioId = command.getPortfolioId();
        Decision decision;
        ChangeWriter.Prepared prepared = null;
        try {
            StepReads reads = io.writer().read(portfolioId);
            decision = rules.decide(
                    cause,
                    portfolioId,
                    CommandMapper.toDomain(command),
                    reads.portfolio().orElse(null),
                    reads.accounts());
            if (decision instanceof Decision.Accepted accepted) {
                prepared = io.writer().prepare(reads, cause, accepted.changes());
            } else if (!(decision instanceof Decision.Rejected)) {
                throw new IllegalStateException("the rules returned no decision");
            }
        } catch (RuntimeException e) {
            io.deadLetters().send(record, DeadLetterReason.PROCESSING_FAILED, e);
            return CommandResults.rejected(
                    command,
                    source,
                    RejectReason.INTERNAL_ERROR,
                    "the command could not be processed (" + e.getClass().getSimpleName()
                            + "); see the dead-letter topic");
        }
        if (decision instanceof Decision.Rejected rejected) {
            return CommandResults.rejected(command, source, rejected.reason(), rejected.message());
        }
        ChangeWriter.Written written = io.writer().write(prepared, record.timestamp());
        return CommandResults.accepted(command, source, written);
    }

    private void emit(Record<byte[], byte[]> record, CommandResult result) {
        io.context().forward(new Record<>(result.getPortfolioId(), result, record.timestamp()), SinkNames.RESULTS);
    }
}
