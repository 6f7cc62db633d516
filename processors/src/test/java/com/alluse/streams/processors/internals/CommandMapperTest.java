package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.ActivateAccount;
import com.alluse.streams.avro.CashBufferAdjustment;
import com.alluse.streams.avro.CloseAccount;
import com.alluse.streams.avro.Commission;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.LossKind;
import com.alluse.streams.avro.OpenPortfolio;
import com.alluse.streams.avro.SuspendAccount;
import com.alluse.streams.avro.TradeLoss;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.avro.Withdrawal;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.CommandKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandMapperTest {

    static Stream<Arguments> everyPayload() {
        return Stream.of(
                Arguments.of(
                        OpenPortfolio.newBuilder()
                                .setOwnerId("o")
                                .setCapitalCents(25_000_000L)
                                .setTemplate("AGGRESSIVE")
                                .setForkThresholdCents(1_000L)
                                .setMergeThresholdCents(2_000L)
                                .build(),
                        new Command.OpenPortfolio("o", 25_000_000L, "AGGRESSIVE", 1_000L, 2_000L)),
                Arguments.of(new Deposit("P1:GEN", 1L), new Command.Deposit("P1:GEN", 1L)),
                Arguments.of(new Withdrawal("P1:REV", 2L), new Command.Withdrawal("P1:REV", 2L)),
                Arguments.of(
                        TradePremium.newBuilder()
                                .setAccountId("P1:GEN")
                                .setAmountCents(3L)
                                .setExecutionId("x")
                                .setSymbol("SPY")
                                .build(),
                        new Command.TradePremium("P1:GEN", 3L)),
                Arguments.of(
                        TradeLoss.newBuilder()
                                .setAccountId("P1:GEN")
                                .setAmountCents(4L)
                                .setLossKind(LossKind.ASSIGNMENT)
                                .build(),
                        new Command.TradeLoss("P1:GEN", 4L)),
                Arguments.of(
                        Commission.newBuilder()
                                .setAccountId("P1:COM")
                                .setAmountCents(5L)
                                .build(),
                        new Command.Commission("P1:COM", 5L)),
                Arguments.of(new CashBufferAdjustment("P1:GEN", 700), new Command.AdjustCashBuffer("P1:GEN", 700)),
                Arguments.of(
                        SuspendAccount.newBuilder()
                                .setAccountId("P1:GEN")
                                .setReason("audit")
                                .build(),
                        new Command.Suspend("P1:GEN", "audit")),
                Arguments.of(new ActivateAccount("P1:GEN"), new Command.Activate("P1:GEN")),
                Arguments.of(
                        CloseAccount.newBuilder()
                                .setAccountId("P1:F1:GEN")
                                .setReason("done")
                                .build(),
                        new Command.Close("P1:F1:GEN", "done")));
    }

    private static AccountCommand command(Object payload) {
        return AccountCommand.newBuilder()
                .setCommandId("c1")
                .setPortfolioId("P1")
                .setEventTimeMs(0L)
                .setPayload(payload)
                .build();
    }

    @ParameterizedTest
    @MethodSource("everyPayload")
    void shouldMapEveryPayloadToTheDomainCommandWithItsFields(Object payload, Command expected) {
        assertThat(CommandMapper.toDomain(command(payload))).isEqualTo(expected);
        assertThat(CommandMapper.kindName(command(payload)))
                .isEqualTo(expected.kind().name());
    }

    @Test
    void shouldHaveAPayloadCaseForEveryCommandKind() {
        Set<CommandKind> kinds = EnumSet.noneOf(CommandKind.class);
        everyPayload().forEach(arguments -> kinds.add(((Command) arguments.get()[1]).kind()));

        assertThat(kinds).isEqualTo(EnumSet.allOf(CommandKind.class));
    }

    @Test
    void shouldLeaveThresholdsThatAreNotGivenToTheDeployment() {
        Command mapped = CommandMapper.toDomain(
                command(OpenPortfolio.newBuilder().setCapitalCents(1L).build()));

        assertThat(mapped).isEqualTo(new Command.OpenPortfolio("", 1L, "MODERATE", null, null));
    }

    @Test
    void shouldRefuseAPayloadOfNoKnownKindAndNameItUnknown() {
        // Decoding only yields the union's types; a payload of another kind can only come from code.
        for (Object payload : List.of("not a payload", new Object())) {
            AccountCommand command = new AccountCommand("c1", "P1", 0L, payload);

            assertThatThrownBy(() -> CommandMapper.toDomain(command))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(payload.getClass().getName());
            assertThat(CommandMapper.kindName(command)).isEqualTo("UNKNOWN");
        }
    }
}
