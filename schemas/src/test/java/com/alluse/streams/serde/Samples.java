package com.alluse.streams.serde;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.AccountStatusChanged;
import com.alluse.streams.avro.AccountType;
import com.alluse.streams.avro.ActivateAccount;
import com.alluse.streams.avro.BufferBreach;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CashBufferAdjustment;
import com.alluse.streams.avro.CloseAccount;
import com.alluse.streams.avro.CloseReason;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.Commission;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.DrawdownBreach;
import com.alluse.streams.avro.DrawdownCleared;
import com.alluse.streams.avro.ForkCompleted;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.LossKind;
import com.alluse.streams.avro.MergeCompleted;
import com.alluse.streams.avro.OpenPortfolio;
import com.alluse.streams.avro.OriginalResult;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.PortfolioOpened;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.ReinvestmentAllocated;
import com.alluse.streams.avro.ReinvestmentDeferred;
import com.alluse.streams.avro.ReinvestmentSplit;
import com.alluse.streams.avro.SuspendAccount;
import com.alluse.streams.avro.TradeLoss;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.avro.Withdrawal;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.avro.internal.PortfolioState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Named;

/** One or more sample records of every type, covering every union branch with nulls and non-nulls. */
final class Samples {
    private Samples() {}

    static Stream<Named<SpecificRecord>> all() {
        List<Named<SpecificRecord>> all = new ArrayList<>();
        commands()
                .forEach(c -> all.add(Named.of(
                        "AccountCommand/" + c.getPayload().getClass().getSimpleName() + "/" + c.getCommandId(), c)));
        events().forEach(e -> all.add(
                Named.of("PortfolioEvent/" + e.getPayload().getClass().getSimpleName() + "/" + e.getEventId(), e)));
        others().forEach(r -> all.add(Named.of(r.getClass().getSimpleName() + "/" + all.size(), r)));
        return all.stream();
    }

    static AccountCommand command(String commandId, Object payload) {
        return AccountCommand.newBuilder()
                .setCommandId(commandId)
                .setPortfolioId("P-1")
                .setEventTimeMs(1_764_000_000_000L)
                .setPayload(payload)
                .build();
    }

    static List<AccountCommand> commands() {
        return List.of(
                command(
                        "open-defaults",
                        OpenPortfolio.newBuilder().setCapitalCents(10_000_000).build()),
                command(
                        "open-overrides",
                        OpenPortfolio.newBuilder()
                                .setOwnerId("owner-7")
                                .setCapitalCents(25_000_000)
                                .setTemplate("AGGRESSIVE")
                                .setForkThresholdCents(5_000_000L)
                                .setMergeThresholdCents(50_000_000L)
                                .build()),
                command("deposit", new Deposit("P-1-GEN", 12_345L)),
                command("withdrawal", new Withdrawal("P-1-REV", 500L)),
                command(
                        "premium-bare",
                        TradePremium.newBuilder()
                                .setAccountId("P-1-GEN")
                                .setAmountCents(7_700)
                                .build()),
                command("premium-full", new TradePremium("P-1-GEN", 7_700L, "EX-1", "SPY")),
                command(
                        "loss-default-kind",
                        TradeLoss.newBuilder()
                                .setAccountId("P-1-GEN")
                                .setAmountCents(900)
                                .build()),
                command("loss-assignment", new TradeLoss("P-1-GEN", 12_000L, LossKind.ASSIGNMENT, "EX-2", "QQQ")),
                command(
                        "commission-bare",
                        Commission.newBuilder()
                                .setAccountId("P-1-GEN")
                                .setAmountCents(65)
                                .build()),
                command("commission-full", new Commission("P-1-GEN", 65L, "EX-3")),
                command("buffer", new CashBufferAdjustment("P-1-GEN", 750)),
                command(
                        "suspend-bare",
                        SuspendAccount.newBuilder().setAccountId("P-1-COM").build()),
                command("suspend-reason", new SuspendAccount("P-1-COM", "risk review")),
                command("activate", new ActivateAccount("P-1-COM")),
                command(
                        "close-bare",
                        CloseAccount.newBuilder().setAccountId("P-1-F1-GEN").build()),
                command("close-reason", new CloseAccount("P-1-F1-GEN", "merged back")));
    }

    static PortfolioEvent event(String eventId, Object payload) {
        return PortfolioEvent.newBuilder()
                .setEventId(eventId)
                .setPortfolioId("P-1")
                .setCommandId("cmd-1")
                .setEventTimeMs(1_764_000_000_001L)
                .setPayload(payload)
                .build();
    }

    static List<PortfolioEvent> events() {
        return List.of(
                event(
                        "cmd-1/1",
                        new PortfolioOpened(
                                "owner-7",
                                "MODERATE",
                                10_000_000L,
                                "P-1-GEN",
                                4_000_000L,
                                "P-1-REV",
                                3_000_000L,
                                "P-1-COM",
                                3_000_000L,
                                5_000_000L,
                                50_000_000L)),
                event(
                        "cmd-1/2",
                        new ForkCompleted(
                                "F1", "P-1-GEN", 5_000_000L, "P-1-F1-GEN", 2_500_000L, "P-1-F1-COM", 2_500_000L)),
                event(
                        "cmd-1/3",
                        new MergeCompleted(
                                "M1",
                                "F1",
                                "P-1-F1-GEN",
                                30_000_000L,
                                "P-1-F1-COM",
                                25_000_000L,
                                "P-1-COM",
                                55_000_000L)),
                event("cmd-1/4", new ReinvestmentAllocated("P-1-COM", "2026-Q4", 1_000_000L, 750_000L, 250_000L)),
                event("cmd-1/5", new ReinvestmentDeferred("P-1-COM", "2026-Q4", 10_000L, 50_000L)),
                event("cmd-1/6", new DrawdownBreach("P-1-GEN", "2026-W48", 880_000_000L, 1_000_000_000L, 1_200, 1_000)),
                event("cmd-1/7", new DrawdownCleared("P-1-GEN", "2026-W49", 950_000_000L, 1_000_000_000L, 500, 1_000)),
                event("cmd-1/8", new BufferBreach("P-1-GEN", 100L, 200_000L)),
                event(
                        "cmd-1/9",
                        AccountStatusChanged.newBuilder()
                                .setAccountId("P-1-COM")
                                .setFromStatus(AccountStatus.ACTIVE)
                                .setToStatus(AccountStatus.SUSPENDED)
                                .build()),
                event(
                        "cmd-1/10",
                        new AccountStatusChanged(
                                "P-1-COM", AccountStatus.SUSPENDED, AccountStatus.CLOSED, "requested")));
    }

    static CommandResult.Builder result() {
        return CommandResult.newBuilder()
                .setCommandId("cmd-1")
                .setPortfolioId("P-1")
                .setCommandKind("DEPOSIT")
                .setOutcome(CommandOutcome.ACCEPTED)
                .setCommandPartition(3)
                .setCommandOffset(42L)
                .setEventTimeMs(1_764_000_000_002L);
    }

    static LedgerEntry.Builder ledgerEntry() {
        return LedgerEntry.newBuilder()
                .setEntryId("P-1-GEN#7")
                .setPortfolioId("P-1")
                .setAccountId("P-1-GEN")
                .setSequence(7L)
                .setEntryType(LedgerEntryType.DEPOSIT)
                .setAmountCents(12_345L)
                .setBalanceAfterCents(4_012_345L)
                .setCommandId("cmd-1")
                .setEventTimeMs(1_764_000_000_003L);
    }

    static AccountState.Builder accountState() {
        return AccountState.newBuilder()
                .setAccountId("P-1-GEN")
                .setPortfolioId("P-1")
                .setAccountType(AccountType.GENERATION)
                .setStatus(AccountStatus.ACTIVE)
                .setMain(true)
                .setInitialCents(4_000_000L)
                .setPrincipalCents(4_012_345L)
                .setBalanceCents(4_012_345L)
                .setCashBufferBps(500)
                .setCashBufferCents(200_000L)
                .setAvailableCents(3_812_345L)
                .setLastSequence(7L)
                .setWeekStartBalanceCents(4_000_000L)
                .setWeekNetEarningsCents(12_345L)
                .setPerformanceIndexNanos(1_003_000_000L)
                .setHighWaterMarkNanos(1_003_000_000L)
                .setEarningsSinceReinvestmentCents(12_345L)
                .setOpenedAtMs(1_763_000_000_000L)
                .setUpdatedAtMs(1_764_000_000_000L)
                .setLastCommandId("cmd-1");
    }

    static CalendarEvent calendarEvent() {
        return new CalendarEvent("WEEK_CLOSE/2026-W48", CalendarKind.WEEK_CLOSE, "2026-W48", 1_764_000_000_004L);
    }

    static List<SpecificRecord> others() {
        return List.of(
                result().build(),
                result().setOutcome(CommandOutcome.REJECTED)
                        .setReasonCode(ReasonCode.INSUFFICIENT_AVAILABLE)
                        .setReasonMessage("available 10, requested 20")
                        .setAccountIds(List.of("P-1-GEN"))
                        .setLedgerEntryIds(List.of("P-1-GEN#7", "P-1-GEN#8"))
                        .setEventIds(List.of("cmd-1/1"))
                        .build(),
                result().setOutcome(CommandOutcome.DUPLICATE)
                        .setDuplicateOf(new OriginalResult(1, 7L, CommandOutcome.REJECTED, ReasonCode.INVALID_AMOUNT))
                        .build(),
                result().setOutcome(CommandOutcome.DUPLICATE)
                        .setDuplicateOf(new OriginalResult(1, 8L, CommandOutcome.ACCEPTED, null))
                        .build(),
                ledgerEntry().build(),
                ledgerEntry()
                        .setEntryType(LedgerEntryType.REINVESTMENT)
                        .setAmountCents(0L)
                        .setForkId("F1")
                        .setMergeId("M1")
                        .setReinvestment(new ReinvestmentSplit(750_000L, 250_000L))
                        .build(),
                accountState().build(),
                accountState()
                        .setStatus(AccountStatus.CLOSED)
                        .setCloseReason(CloseReason.MERGED)
                        .setMain(false)
                        .setParentAccountId("P-1-GEN")
                        .setForkId("F1")
                        .setBufferBreached(true)
                        .setDrawdownBreached(true)
                        .setReinvestedContractsCents(750_000L)
                        .setReinvestedLeapsCents(250_000L)
                        .build(),
                calendarEvent(),
                new CalendarEvent("QUARTER_CLOSE/2026-Q4", CalendarKind.QUARTER_CLOSE, "2026-Q4", 1_764_000_000_005L),
                DeadLetter.newBuilder()
                        .setSourceTopic("alluse.commands")
                        .setSourcePartition(0)
                        .setSourceOffset(9L)
                        .setSourceTimestampMs(1_764_000_000_006L)
                        .setReason(DeadLetterReason.DESERIALIZATION_FAILED)
                        .setErrorClass("SerializationException")
                        .setErrorMessage("bad magic byte")
                        .setApplicationId("alluse-account-streams")
                        .setFailedAtMs(1_764_000_000_007L)
                        .build(),
                new DeadLetter(
                        "alluse.commands",
                        1,
                        10L,
                        1_764_000_000_008L,
                        bytes("P-1"),
                        bytes("\u0001garbage"),
                        DeadLetterReason.PROCESSING_FAILED,
                        "IllegalStateException",
                        "boom",
                        "alluse-account-streams",
                        1_764_000_000_009L),
                new PortfolioState(
                        "P-1",
                        "owner-7",
                        "MODERATE",
                        10_000_000L,
                        5_000_000L,
                        50_000_000L,
                        1,
                        0,
                        12_345L,
                        500L,
                        7_700L,
                        12_900L,
                        65L,
                        1_763_000_000_000L),
                new CommandReceipt("cmd-1", bytes("sha-256-of-payload"), CommandOutcome.ACCEPTED, null, 3, 42L),
                new CommandReceipt(
                        "cmd-2", bytes("other"), CommandOutcome.REJECTED, ReasonCode.UNKNOWN_ACCOUNT, 3, 43L));
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
