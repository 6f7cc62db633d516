package com.alluse.streams.processors.internals;

import static com.alluse.streams.processors.BrokenChanges.account;
import static com.alluse.streams.processors.BrokenChanges.entry;
import static com.alluse.streams.processors.BrokenChanges.replace;
import static com.alluse.streams.processors.BrokenChanges.withLastSequence;
import static com.alluse.streams.processors.BrokenChanges.withSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.CommandRules;
import com.alluse.streams.domain.Decision;
import com.alluse.streams.domain.DomainEvent;
import com.alluse.streams.domain.LedgerEntry;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.ProcessorFixture;
import com.alluse.streams.processors.ProcessorFixture.StoreSnapshot;
import com.alluse.streams.processors.SinkNames;
import com.alluse.streams.processors.StoreNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeWriterTest {
    private static final CommandRules RULES = new CommandRules(RulesConfig.DEFAULTS);
    private static final long TIMESTAMP_MS = 1_700_000_123_000L;

    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private ChangeWriter writer;
    private int steps;

    @BeforeEach
    void start() {
        fixture = new ProcessorFixture(stateDir);
        writer = new ChangeWriter(fixture.context);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Cause nextCause() {
        steps++;
        return new Cause("cmd-" + steps, 1_700_000_000_000L + steps);
    }

    private static Changes decide(StepReads reads, Cause cause, Command command) {
        Decision decision = RULES.decide(cause, "P1", command, reads.portfolio().orElse(null), reads.accounts());
        return ((Decision.Accepted) decision).changes();
    }

    private ChangeWriter.Written apply(Command command) {
        Cause cause = nextCause();
        StepReads reads = writer.read("P1");
        return writer.write(writer.prepare(reads, cause, decide(reads, cause, command)), TIMESTAMP_MS);
    }

    private static Command.OpenPortfolio open() {
        return new Command.OpenPortfolio("owner", 25_000_000L, null, null, null);
    }

    @Test
    void shouldBuildEveryRecordWithoutWritingAnythingWhilePreparing() {
        Cause cause = nextCause();
        StepReads reads = writer.read("P1");

        ChangeWriter.Prepared prepared = writer.prepare(reads, cause, decide(reads, cause, open()));

        assertThat(prepared.portfolio().getCapitalCents()).isEqualTo(25_000_000L);
        assertThat(prepared.states())
                .extracting(AccountState::getAccountId)
                .containsExactly("P1:GEN", "P1:REV", "P1:COM");
        assertThat(prepared.entries())
                .extracting(com.alluse.streams.avro.LedgerEntry::getEntryId)
                .containsExactly("P1:GEN#1", "P1:REV#1", "P1:COM#1");
        assertThat(prepared.events()).extracting(PortfolioEvent::getEventId).containsExactly("P1/cmd-1/0");
        assertThat(fixture.snapshot()).isEqualTo(new StoreSnapshot(Map.of(), Map.of(), Map.of(), List.of()));
        assertThat(fixture.context.forwarded()).isEmpty();
    }

    @Test
    void shouldPutTheStoresThenForwardLedgerEntriesThenStatesThenEvents() {
        ChangeWriter.Written written = apply(open());

        assertThat(written.accountIds()).containsExactly("P1:GEN", "P1:REV", "P1:COM");
        assertThat(written.entryIds()).containsExactly("P1:GEN#1", "P1:REV#1", "P1:COM#1");
        assertThat(written.eventIds()).containsExactly("P1/cmd-1/0");
        List<String> sinks = new ArrayList<>();
        fixture.context.forwarded().forEach(forward -> {
            sinks.add(forward.childName().orElseThrow());
            assertThat(forward.record().timestamp()).isEqualTo(TIMESTAMP_MS);
        });
        assertThat(sinks)
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
                        SinkNames.PORTFOLIO_EVENTS);
        assertThat(fixture.portfolios.get("P1")).isNotNull();
        assertThat(fixture.accounts.get("P1:COM").getBalanceCents()).isEqualTo(7_500_000L);
        assertThat(fixture.ledger.get(StoreNames.ledgerKey("P1:GEN", 1)).getAmountCents())
                .isEqualTo(10_000_000L);
    }

    @Test
    void shouldReadBackWhatItWroteAsDomainObjects() {
        apply(open());

        StepReads reads = writer.read("P1");

        assertThat(reads.portfolio().orElseThrow().capitalCents()).isEqualTo(25_000_000L);
        assertThat(writer.read("P2").portfolio()).isEmpty();
        assertThat(reads.accounts().find("P1:GEN").orElseThrow().balanceCents()).isEqualTo(10_000_000L);
        assertThat(reads.accounts().find("P1:F1:GEN")).isEmpty();
    }

    @Test
    void shouldLeaveAPortfolioTheStepDidNotChangeAsItIs() {
        apply(open());
        var portfolioBefore = fixture.portfolios.get("P1");
        Cause cause = nextCause();
        StepReads reads = writer.read("P1");

        ChangeWriter.Prepared prepared =
                writer.prepare(reads, cause, decide(reads, cause, new Command.AdjustCashBuffer("P1:REV", 1_000)));
        writer.write(prepared, TIMESTAMP_MS);

        assertThat(prepared.portfolio()).isNull();
        assertThat(fixture.portfolios.get("P1")).isEqualTo(portfolioBefore);
        assertThat(fixture.accounts.get("P1:REV").getCashBufferBps()).isEqualTo(1_000);
    }

    @Test
    void shouldRefuseChangesThatBreakAnInvariantBeforeWritingAnything() {
        apply(open());
        fixture.context.resetForwards();
        StoreSnapshot before = fixture.snapshot();
        Cause cause = nextCause();
        StepReads reads = writer.read("P1");
        Changes deposit = decide(reads, cause, new Command.Deposit("P1:GEN", 100L));
        LedgerEntry entry = entry(deposit, "P1:GEN");
        Changes broken = replace(
                replace(deposit, entry, withSequence(entry, 4)), withLastSequence(account(deposit, "P1:GEN"), 4));

        assertThatThrownBy(() -> writer.prepare(reads, cause, broken))
                .isInstanceOfSatisfying(
                        InvariantViolationException.class,
                        e -> assertThat(e.violations()).containsExactly("P1:GEN: sequence 4 where 2 was due"))
                .hasMessageContaining("cmd-2")
                .hasMessageContaining("portfolio P1");
        assertThat(fixture.snapshot()).isEqualTo(before);
        assertThat(fixture.context.forwarded()).isEmpty();
    }

    @Test
    void shouldFailToPrepareAnUnmappableEventWithoutWritingTheRecordsBeforeIt() {
        Cause cause = nextCause();
        StepReads reads = writer.read("P1");
        Changes opened = decide(reads, cause, open());
        DomainEvent unmappable =
                new DomainEvent.PortfolioOpened("owner", null, 1L, null, "P1:GEN", "P1:REV", "P1:COM", 1L, 2L);
        Changes withUnmappableEvent =
                new Changes(opened.portfolio(), opened.accounts(), opened.entries(), List.of(unmappable));

        assertThatThrownBy(() -> writer.prepare(reads, cause, withUnmappableEvent))
                .isInstanceOf(NullPointerException.class);
        assertThat(fixture.snapshot()).isEqualTo(new StoreSnapshot(Map.of(), Map.of(), Map.of(), List.of()));
        assertThat(fixture.context.forwarded()).isEmpty();
    }
}
