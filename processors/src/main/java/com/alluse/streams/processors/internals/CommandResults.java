package com.alluse.streams.processors.internals;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.OriginalResult;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.domain.RejectReason;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds the one result every command gets. */
public final class CommandResults {
    private CommandResults() {}

    public static CommandResult accepted(AccountCommand command, RecordMetadata source, ChangeWriter.Written written) {
        return base(command, source, CommandOutcome.ACCEPTED)
                .setAccountIds(written.accountIds())
                .setLedgerEntryIds(written.entryIds())
                .setEventIds(written.eventIds())
                .build();
    }

    public static CommandResult rejected(
            AccountCommand command, RecordMetadata source, RejectReason reason, String message) {
        return base(command, source, CommandOutcome.REJECTED)
                .setReasonCode(EnumMapper.toAvro(reason))
                .setReasonMessage(message)
                .build();
    }

    public static CommandResult duplicate(AccountCommand command, RecordMetadata source, CommandReceipt first) {
        return base(command, source, CommandOutcome.DUPLICATE)
                .setReasonMessage("command id already processed at " + first.getCommandPartition() + "@"
                        + first.getCommandOffset())
                .setDuplicateOf(new OriginalResult(
                        first.getCommandPartition(),
                        first.getCommandOffset(),
                        first.getOutcome(),
                        first.getReasonCode()))
                .build();
    }

    private static CommandResult.Builder base(AccountCommand command, RecordMetadata source, CommandOutcome outcome) {
        return CommandResult.newBuilder()
                .setCommandId(command.getCommandId())
                .setPortfolioId(command.getPortfolioId())
                .setCommandKind(CommandMapper.kindName(command))
                .setOutcome(outcome)
                .setCommandPartition(source.partition())
                .setCommandOffset(source.offset())
                .setEventTimeMs(command.getEventTimeMs());
    }
}
