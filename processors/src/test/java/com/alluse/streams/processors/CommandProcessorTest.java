package com.alluse.streams.processors;

import static com.alluse.streams.processors.BrokenChanges.account;
import static com.alluse.streams.processors.BrokenChanges.entry;
import static com.alluse.streams.processors.BrokenChanges.replace;
import static com.alluse.streams.processors.BrokenChanges.withAmount;
import static com.alluse.streams.processors.BrokenChanges.withBalance;
import static com.alluse.streams.processors.BrokenChanges.withLastSequence;
import static com.alluse.streams.processors.BrokenChanges.withSequence;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.Deposit;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.avro.MergeCompleted;
import com.alluse.streams.avro.OpenPortfolio;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.TradePremium;
import com.alluse.streams.avro.Withdrawal;
import com.alluse.streams.avro.internal.PortfolioState;
import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.CommandRules;
import com.alluse.streams.domain.Decision;
import com.alluse.streams.domain.DomainEvent;
import com.alluse.streams.domain.Invariants;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.ProcessorFixture.Forwarded;
import com.alluse.streams.processors.ProcessorFixture.StoreSnapshot;
import com.alluse.streams.processors.internals.AccountStateMapper;
import com.alluse.streams.processors.internals.InvariantViolationException;
import com.alluse.streams.processors.internals.PortfolioStateMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandProcessorTest {
    private static final CommandRules RULES = new CommandRules(RulesConfig.DEFAULTS);
    private static final CalendarRules CALENDAR_RULES = new CalendarRules(RulesConfig.DEFAULTS);
    private static final PeriodClose CALENDAR_CLOSE = PeriodClose.weekOf(CALENDAR_RULES);

    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private CommandProcessor processor;

    @BeforeEach
    void start() {
        fixture = new ProcessorFixture(stateDir);
        processor = start(new CommandProcessor(
                RULES, CALENDAR_RULES, fixture.deserializer(), ProcessorFixture.RETENTION.toMillis()));
    }

    private CommandProcessor start(CommandProcessor started) {
        started.init(fixture.context);
        return started;
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Forwarded send(String commandId, Object payload) {
        return fixture.send(processor, fixture.command(commandId, "P1", payload));
    }

    private static OpenPortfolio open(long capitalCents) {
        return OpenPortfolio.newBuilder().setCapitalCents(capitalCents).build();
    }

    @Test
    void shouldOpenAPortfolioIntoTheStoresAndForwardItsLedgerStatesEventAndOneResult() {
        Forwarded out = send("open-1", open(25_000_000L));

        CommandResult result = out.result();
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(result.getCommandKind()).isEqualTo("OPEN_PORTFOLIO");
        assertThat(result.getCommandOffset())
                .isEqualTo(fixture.context.recordMetadata().orElseThrow().offset());
        assertThat(result.getAccountIds()).containsExactly("P1:GEN", "P1:REV", "P1:COM");
        assertThat(result.getLedgerEntryIds()).containsExactly("P1:GEN#1", "P1:REV#1", "P1:COM#1");
        assertThat(result.getEventIds()).containsExactly("P1/open-1/0");
        assertThat(out.sinks())
                .containsExactly(
                        SinkNames.LEDGER,
                        SinkNames.LEDGER,
                        SinkNames.LEDGER,
                        SinkNames.ACCOUNT_STATE,
                        SinkNames.ACCOUNT_STATE,
                        SinkNames.ACCOUNT_STATE,
                        SinkNames.STRATEGY_EVENTS,
                        SinkNames.STRATEGY_EVENTS,
                        SinkNames.STRATEGY_EVENTS,
                        SinkNames.PORTFOLIO_EVENTS,
                        SinkNames.RESULTS);
        assertThat(out.keys(SinkNames.LEDGER)).containsExactly("P1:GEN", "P1:REV", "P1:COM");

        assertThat(fixture.accounts.get("P1:GEN").getBalanceCents()).isEqualTo(10_000_000L);
        assertThat(fixture.accounts.get("P1:GEN").getAvailableCents()).isEqualTo(9_500_000L);
        assertThat(fixture.accounts.get("P1:REV").getBalanceCents()).isEqualTo(7_500_000L);
        assertThat(fixture.ledger.get(StoreNames.ledgerKey("P1:COM", 1)).getEntryType())
                .isEqualTo(LedgerEntryType.OPENING);
        assertThat(fixture.portfolios.get("P1").getCapitalCents()).isEqualTo(25_000_000L);
        assertThat(fixture.snapshot().receipts()).singleElement().asString().startsWith("P1/open-1@");
    }

    @Test
    void shouldAnswerDuplicateForTheSameCommandAgainWithoutASecondEffect() {
        send("open-1", open(25_000_000L));
        CommandResult first = send("dep-1", new Deposit("P1:GEN", 100_00L)).result();
        StoreSnapshot before = fixture.snapshot();

        // A resend may carry a new event time: only the payload is fingerprinted.
        Forwarded again = send("dep-1", new Deposit("P1:GEN", 100_00L));

        assertThat(again.sinks()).containsExactly(SinkNames.RESULTS);
        assertThat(again.result().getOutcome()).isEqualTo(CommandOutcome.DUPLICATE);
        assertThat(again.result().getDuplicateOf().getCommandOffset()).isEqualTo(first.getCommandOffset());
        assertThat(again.result().getDuplicateOf().getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(fixture.snapshot()).isEqualTo(before);
    }

    @Test
    void shouldRejectAnIdempotencyConflictWithoutEffect() {
        send("open-1", open(25_000_000L));
        send("dep-1", new Deposit("P1:GEN", 100_00L));
        StoreSnapshot before = fixture.snapshot();

        Forwarded conflict = send("dep-1", new Deposit("P1:GEN", 200_00L));

        assertThat(conflict.sinks()).containsExactly(SinkNames.RESULTS);
        assertThat(conflict.result().getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(conflict.result().getReasonCode()).isEqualTo(ReasonCode.IDEMPOTENCY_CONFLICT);
        assertThat(fixture.snapshot()).isEqualTo(before);
    }

    @Test
    void shouldRememberARejectionAndAnswerItsResendAsADuplicateOfIt() {
        send("open-1", open(25_000_000L));

        CommandResult rejected =
                send("wd-1", new Withdrawal("P1:COM", 1_000_00L)).result();
        CommandResult again = send("wd-1", new Withdrawal("P1:COM", 1_000_00L)).result();

        assertThat(rejected.getReasonCode()).isEqualTo(ReasonCode.WITHDRAWAL_FORBIDDEN);
        assertThat(again.getOutcome()).isEqualTo(CommandOutcome.DUPLICATE);
        assertThat(again.getDuplicateOf().getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(again.getDuplicateOf().getReasonCode()).isEqualTo(ReasonCode.WITHDRAWAL_FORBIDDEN);
    }

    @Test
    void shouldRejectACommandWhoseKeyIsNotItsPortfolioAndRememberNothing() {
        AccountCommand command = fixture.command("open-1", "P1", open(25_000_000L));

        Forwarded misrouted = fixture.process(
                processor,
                fixture.arrive(
                        ProcessorFixture.COMMANDS_TOPIC,
                        ProcessorFixture.utf8("P2"),
                        fixture.bytes(ProcessorFixture.COMMANDS_TOPIC, command)));

        assertThat(misrouted.sinks()).containsExactly(SinkNames.RESULTS);
        assertThat(misrouted.result().getReasonCode()).isEqualTo(ReasonCode.INVALID_COMMAND);
        assertThat(fixture.snapshot().receipts()).isEmpty();
        assertThat(fixture.send(processor, command).result().getOutcome())
                .as("sent again with the right key")
                .isEqualTo(CommandOutcome.ACCEPTED);
    }

    @Test
    void shouldDeadLetterAnUndecodableRecordAndKeepProcessing() {
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);

        Forwarded out = fixture.process(
                processor, fixture.arrive(ProcessorFixture.COMMANDS_TOPIC, ProcessorFixture.utf8("P1"), garbage));

        assertThat(out.sinks()).containsExactly(SinkNames.DEAD_LETTERS);
        DeadLetter letter = out.deadLetters().get(0);
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.DESERIALIZATION_FAILED);
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(garbage));
        assertThat(send("open-1", open(25_000_000L)).result().getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
    }

    @Test
    void shouldDeadLetterARecordOfAnotherSchema() {
        var calendarEvent = fixture.calendarEvent(CalendarKind.WEEK_CLOSE, "2026-W01");

        Forwarded out = fixture.process(
                processor,
                fixture.arrive(
                        ProcessorFixture.COMMANDS_TOPIC,
                        ProcessorFixture.utf8("P1"),
                        fixture.bytes(ProcessorFixture.COMMANDS_TOPIC, calendarEvent)));

        assertThat(out.sinks()).containsExactly(SinkNames.DEAD_LETTERS);
        assertThat(out.deadLetters().get(0).getReason()).isEqualTo(DeadLetterReason.WRONG_SCHEMA);
    }

    @Test
    void shouldRejectAsInternalErrorDeadLetterAndWriteNothingWhenDecidingOverflows() {
        send("open-1", open(25_000_000L));
        AccountState gen = fixture.accounts.get("P1:GEN");
        gen.setBalanceCents(Long.MAX_VALUE - 10);
        fixture.accounts.put("P1:GEN", gen);
        StoreSnapshot before = fixture.snapshot();

        Forwarded out = send(
                "prem-1",
                TradePremium.newBuilder()
                        .setAccountId("P1:GEN")
                        .setAmountCents(100L)
                        .build());

        assertThat(out.sinks()).containsExactly(SinkNames.DEAD_LETTERS, SinkNames.RESULTS);
        assertThat(out.result().getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(out.result().getReasonCode()).isEqualTo(ReasonCode.INTERNAL_ERROR);
        assertThat(out.deadLetters().get(0).getReason()).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
        assertThat(out.deadLetters().get(0).getErrorClass()).isEqualTo(ArithmeticException.class.getName());
        assertThat(fixture.snapshot()).isEqualTo(before);
        assertThat(send(
                                "prem-1",
                                TradePremium.newBuilder()
                                        .setAccountId("P1:GEN")
                                        .setAmountCents(100L)
                                        .build())
                        .result()
                        .getReasonCode())
                .as("an internal error is not remembered, so a retry is decided again")
                .isEqualTo(ReasonCode.INTERNAL_ERROR);
    }

    @Test
    void shouldRejectADecisionThatSkipsASequenceNumberAsInternalErrorDeadLetterItAndWriteNothing() {
        assertBrokenDecisionIsRefused(
                changes -> {
                    var entry = entry(changes, "P1:GEN");
                    return replace(
                            replace(changes, entry, withSequence(entry, entry.sequence() + 1)),
                            withLastSequence(account(changes, "P1:GEN"), entry.sequence() + 1));
                },
                "P1:GEN: sequence 3 where 2 was due");
    }

    @Test
    void shouldRejectADecisionThatCreatesMoneyAsInternalErrorDeadLetterItAndWriteNothing() {
        assertBrokenDecisionIsRefused(
                changes -> {
                    var entry = entry(changes, "P1:GEN");
                    Account gen = account(changes, "P1:GEN");
                    return replace(
                            replace(
                                    changes,
                                    entry,
                                    withAmount(
                                            entry,
                                            entry.amountCents() * 2,
                                            entry.balanceAfterCents() + entry.amountCents())),
                            withBalance(gen, gen.balanceCents() + entry.amountCents()));
                },
                "P1: capital and flows change by 10000 but the money moved in or out of the portfolio is 20000");
    }

    /** A processor whose rules break the changes of command "broken"; every other command is decided by the real rules. */
    private void assertBrokenDecisionIsRefused(UnaryOperator<Changes> breakIt, String violation) {
        CommandProcessor broken = start(new CommandProcessor(
                (cause, portfolioId, command, portfolio, accounts) -> {
                    Decision decision = RULES.decide(cause, portfolioId, command, portfolio, accounts);
                    return cause.id().equals("broken")
                            ? new Decision.Accepted(breakIt.apply(((Decision.Accepted) decision).changes()))
                            : decision;
                },
                CALENDAR_CLOSE,
                fixture.deserializer(),
                ProcessorFixture.RETENTION.toMillis()));
        fixture.send(broken, fixture.command("open-1", "P1", open(25_000_000L)));
        StoreSnapshot before = fixture.snapshot();

        Forwarded out = fixture.send(broken, fixture.command("broken", "P1", new Deposit("P1:GEN", 100_00L)));

        assertThat(out.sinks())
                .as("no ledger entry, state or event")
                .containsExactly(SinkNames.DEAD_LETTERS, SinkNames.RESULTS);
        assertThat(out.result().getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(out.result().getReasonCode()).isEqualTo(ReasonCode.INTERNAL_ERROR);
        DeadLetter letter = out.deadLetters().get(0);
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_FAILED);
        assertThat(letter.getErrorClass()).isEqualTo(InvariantViolationException.class.getName());
        assertThat(letter.getErrorMessage()).contains(violation);
        assertThat(fixture.snapshot()).as("no store written, no receipt").isEqualTo(before);
        assertThat(fixture.send(broken, fixture.command("dep-2", "P1", new Deposit("P1:GEN", 100_00L)))
                        .result()
                        .getOutcome())
                .as("the next command is processed")
                .isEqualTo(CommandOutcome.ACCEPTED);
    }

    @Test
    void shouldRejectAsInternalErrorAndWriteNothingWhenAnAcceptedDecisionCannotBeMapped() {
        DomainEvent unmappable =
                new DomainEvent.PortfolioOpened("owner", null, 1L, null, "P1:GEN", "P1:REV", "P1:COM", 1L, 2L);
        CommandProcessor unmappableEvent = start(new CommandProcessor(
                (cause, portfolioId, command, portfolio, accounts) -> {
                    Changes changes = ((Decision.Accepted)
                                    RULES.decide(cause, portfolioId, command, portfolio, accounts))
                            .changes();
                    return new Decision.Accepted(new Changes(
                            changes.portfolio(), changes.accounts(), changes.entries(), List.of(unmappable)));
                },
                CALENDAR_CLOSE,
                fixture.deserializer(),
                ProcessorFixture.RETENTION.toMillis()));

        Forwarded out = fixture.send(unmappableEvent, fixture.command("open-1", "P1", open(25_000_000L)));

        assertThat(out.sinks()).containsExactly(SinkNames.DEAD_LETTERS, SinkNames.RESULTS);
        assertThat(out.result().getReasonCode()).isEqualTo(ReasonCode.INTERNAL_ERROR);
        assertThat(out.deadLetters().get(0).getErrorClass()).isEqualTo(NullPointerException.class.getName());
        assertThat(fixture.snapshot())
                .as("the accounts and entries before the event were not written either")
                .isEqualTo(new StoreSnapshot(Map.of(), Map.of(), Map.of(), List.of()));
    }

    @Test
    void shouldRejectAsInternalErrorWhenTheRulesReturnNoDecision() {
        CommandProcessor undecided = start(new CommandProcessor(
                (cause, portfolioId, command, portfolio, accounts) -> null,
                CALENDAR_CLOSE,
                fixture.deserializer(),
                ProcessorFixture.RETENTION.toMillis()));

        Forwarded out = fixture.send(undecided, fixture.command("open-1", "P1", open(25_000_000L)));

        assertThat(out.sinks()).containsExactly(SinkNames.DEAD_LETTERS, SinkNames.RESULTS);
        assertThat(out.result().getReasonCode()).isEqualTo(ReasonCode.INTERNAL_ERROR);
        assertThat(fixture.snapshot().accounts()).isEmpty();
    }

    @Test
    void shouldLeaveStoresThatMeetTheDomainsWholePortfolioInvariantsAfterAForkAndAMerge() {
        send(
                "open-1",
                OpenPortfolio.newBuilder()
                        .setCapitalCents(25_000_000L)
                        .setForkThresholdCents(5_000_000L)
                        .setMergeThresholdCents(10_000_000L)
                        .build());
        send(
                "prem-1",
                TradePremium.newBuilder()
                        .setAccountId("P1:GEN")
                        .setAmountCents(5_000_000L)
                        .build());
        // The fork group holds 25,000.00 + 25,000.00; a deposit (no fork, it raises principal) and a premium take it to
        // 100,000.00.
        send("dep-1", new Deposit("P1:F1:GEN", 4_000_000L));
        Forwarded merge = send(
                "prem-2",
                TradePremium.newBuilder()
                        .setAccountId("P1:F1:COM")
                        .setAmountCents(1_000_000L)
                        .build());

        assertThat(merge.result().getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(merge.values(SinkNames.LEDGER, LedgerEntry.class))
                .extracting(LedgerEntry::getEntryType)
                .contains(LedgerEntryType.MERGE_OUT, LedgerEntryType.MERGE_IN);
        assertThat(merge.values(SinkNames.PORTFOLIO_EVENTS, PortfolioEvent.class))
                .anyMatch(event -> event.getPayload() instanceof MergeCompleted);
        assertThat(fixture.accounts.get("P1:F1:GEN").getStatus()).isEqualTo(AccountStatus.CLOSED);
        assertThat(domainInvariantViolations("P1")).isEmpty();
    }

    /** The domain's Invariants over the portfolio's stored accounts and whole ledgers. */
    private List<String> domainInvariantViolations(String portfolioId) {
        PortfolioState portfolio = fixture.portfolios.get(portfolioId);
        Map<String, Account> accounts = new HashMap<>();
        ProcessorFixture.contents(fixture.accounts)
                .forEach((id, state) -> accounts.put(id, AccountStateMapper.toDomain(state)));
        Map<String, List<com.alluse.streams.domain.LedgerEntry>> ledgers = new HashMap<>();
        // Ledger keys are zero-padded, so the store lists an account's entries in sequence order.
        ProcessorFixture.contents(fixture.ledger)
                .values()
                .forEach(entry -> ledgers.computeIfAbsent(entry.getAccountId(), id -> new ArrayList<>())
                        .add(new com.alluse.streams.domain.LedgerEntry(
                                entry.getEntryId(),
                                entry.getPortfolioId(),
                                entry.getAccountId(),
                                entry.getSequence(),
                                com.alluse.streams.domain.EntryType.valueOf(
                                        entry.getEntryType().name()),
                                entry.getAmountCents(),
                                entry.getBalanceAfterCents(),
                                entry.getCommandId(),
                                entry.getForkId(),
                                entry.getMergeId(),
                                null,
                                entry.getEventTimeMs())));
        return Invariants.violations(PortfolioStateMapper.toDomain(portfolio), accounts, ledgers);
    }
}
