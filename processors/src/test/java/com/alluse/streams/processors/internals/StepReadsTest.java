package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.CommandRules;
import com.alluse.streams.domain.Decision;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.ProcessorFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepReadsTest {
    private static final CommandRules RULES = new CommandRules(RulesConfig.DEFAULTS);

    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private ChangeWriter writer;

    @BeforeEach
    void openOnePortfolio() {
        fixture = new ProcessorFixture(stateDir);
        writer = new ChangeWriter(fixture.context);
        Cause cause = new Cause("cmd-1", 1_700_000_000_000L);
        StepReads reads = writer.read("P1");
        Decision decision = RULES.decide(
                cause, "P1", new Command.OpenPortfolio("owner", 25_000_000L, null, null, null), null, reads.accounts());
        writer.write(writer.prepare(reads, cause, ((Decision.Accepted) decision).changes()), 1L);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldReadEachAccountFromTheStoreOnlyOnceInAStep() {
        StepReads reads = writer.read("P1");
        assertThat(reads.accounts().find("P1:GEN")).isPresent();

        fixture.accounts.delete("P1:GEN");

        assertThat(reads.accounts().find("P1:GEN")).isPresent();
        assertThat(writer.read("P1").accounts().find("P1:GEN")).isEmpty();
    }

    @Test
    void shouldHandOutAFreshCopyOnEveryReadSoChangingOneLeavesTheStoredStateAsItWas() {
        StepReads reads = writer.read("P1");

        assertThat(reads.accounts().find("P1:GEN").orElseThrow())
                .isNotSameAs(reads.accounts().find("P1:GEN").orElseThrow());
        assertThat(reads.portfolio().orElseThrow())
                .isNotSameAs(reads.portfolio().orElseThrow());
    }

    @Test
    void shouldRememberThatAnAccountIsNotStored() {
        StepReads reads = writer.read("P1");

        assertThat(reads.accounts().find("P1:F1:GEN")).isEmpty();
        assertThat(reads.portfolioId()).isEqualTo("P1");
        assertThat(writer.read("P2").portfolio()).isEmpty();
    }
}
