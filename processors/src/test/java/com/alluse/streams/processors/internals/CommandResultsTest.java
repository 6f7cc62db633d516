package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.domain.RejectReason;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommandResultsTest {
    private static final AccountCommand DEPOSIT = AccountCommand.newBuilder()
            .setCommandId("dep-1")
            .setPortfolioId("P1")
            .setEventTimeMs(1_700_000_000_000L)
            .setPayload(new Deposit("P1:GEN", 100L))
            .build();

    private static RecordMetadata source(int partition, long offset) {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        context.setRecordMetadata("alluse.commands", partition, offset);
        return context.recordMetadata().orElseThrow();
    }

    @Test
    void shouldListTheAccountsEntriesAndEventsAnAcceptedCommandWrote() {
        CommandResult result = CommandResults.accepted(
                DEPOSIT,
                source(2, 17),
                new ChangeWriter.Written(List.of("P1:GEN"), List.of("P1:GEN#2"), List.of("P1/dep-1/0")));

        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(result.getCommandId()).isEqualTo("dep-1");
        assertThat(result.getPortfolioId()).isEqualTo("P1");
        assertThat(result.getCommandKind()).isEqualTo("DEPOSIT");
        assertThat(result.getCommandPartition()).isEqualTo(2);
        assertThat(result.getCommandOffset()).isEqualTo(17);
        assertThat(result.getEventTimeMs()).isEqualTo(1_700_000_000_000L);
        assertThat(result.getAccountIds()).containsExactly("P1:GEN");
        assertThat(result.getLedgerEntryIds()).containsExactly("P1:GEN#2");
        assertThat(result.getEventIds()).containsExactly("P1/dep-1/0");
        assertThat(result.getReasonCode()).isNull();
    }

    @ParameterizedTest
    @EnumSource(RejectReason.class)
    void shouldCarryEveryRejectReasonAsTheReasonCodeOfItsNameWithItsMessage(RejectReason reason) {
        CommandResult result = CommandResults.rejected(DEPOSIT, source(0, 1), reason, "because");

        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(result.getReasonCode().name()).isEqualTo(reason.name());
        assertThat(result.getReasonMessage()).isEqualTo("because");
        assertThat(result.getLedgerEntryIds()).isEmpty();
    }

    @Test
    void shouldPointADuplicateAtTheFirstResult() {
        CommandReceipt first = new CommandReceipt(
                "dep-1", ByteBuffer.wrap(new byte[] {1}), CommandOutcome.REJECTED, ReasonCode.ACCOUNT_CLOSED, 1, 5L);

        CommandResult result = CommandResults.duplicate(DEPOSIT, source(1, 9), first);

        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.DUPLICATE);
        assertThat(result.getCommandOffset()).isEqualTo(9);
        assertThat(result.getDuplicateOf().getCommandPartition()).isEqualTo(1);
        assertThat(result.getDuplicateOf().getCommandOffset()).isEqualTo(5);
        assertThat(result.getDuplicateOf().getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(result.getDuplicateOf().getReasonCode()).isEqualTo(ReasonCode.ACCOUNT_CLOSED);
        assertThat(result.getReasonMessage()).isEqualTo("command id already processed at 1@5");
    }

    @Test
    void shouldNameTheKindOfAPayloadOfNoKnownKindUnknown() {
        AccountCommand unknown = new AccountCommand("c1", "P1", 0L, "not a payload");

        assertThat(CommandResults.rejected(unknown, source(0, 0), RejectReason.INVALID_COMMAND, "m")
                        .getCommandKind())
                .isEqualTo("UNKNOWN");
    }
}
