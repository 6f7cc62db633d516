package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.CommandMix;
import com.alluse.streams.topology.PipelineChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application as a separate JVM, SIGKILLed several times in the middle of a fork- and
 * merge-heavy stream and restarted on the same state directory. Exactly-once must hide every
 * kill: no lost or repeated result or ledger entry, no half-applied fork or merge, and a final
 * state equal to a clean replay of the same commands.
 */
@Timeout(420)
class HardKillRecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final int KILLS = 3;
    private static final int COMMANDS_PER_ROUND = 4_000;

    @TempDir
    Path dir;

    private BrokerFixture kafka;

    @BeforeEach
    void startBroker() {
        kafka = new BrokerFixture(dir);
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    private AppProcess startApp(int generation) throws Exception {
        List<String> args = AppProcess.runArgs(kafka, dir.resolve("app"), 3);
        // A killed member must leave the group quickly for its restart to get the partitions back.
        args.addAll(List.of("--config", "session.timeout.ms=6000", "--config", "heartbeat.interval.ms=1000"));
        args.addAll(RecoveryChecks.FAST_GROWTH_ARGS);
        AppProcess app = AppProcess.start(dir.resolve("app-" + generation + ".log"), args);
        app.awaitRunning(WAIT);
        return app;
    }

    @Test
    void shouldHideRepeatedHardKillsBehindExactlyOnce() throws Exception {
        List<AccountCommand> commands = new CommandMix(2026, 60, 300_000).generate(COMMANDS_PER_ROUND * (KILLS + 1));
        AppProcess app = startApp(0);
        for (int round = 0; round <= KILLS; round++) {
            List<AccountCommand> batch = commands.subList(round * COMMANDS_PER_ROUND, (round + 1) * COMMANDS_PER_ROUND);
            kafka.produce(batch);
            if (round < KILLS) {
                int resultsBefore = round * COMMANDS_PER_ROUND;
                kafka.readUntil(
                        kafka.topics.commandResults(),
                        CommandResult.class,
                        r -> r.size() > resultsBefore + COMMANDS_PER_ROUND / 4,
                        WAIT);
                app.kill();
                app = startApp(round + 1);
            }
        }
        try {
            List<CommandResult> results = kafka.readUntil(
                    kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), WAIT);
            List<LedgerEntry> ledger = kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT);
            Map<String, AccountState> states =
                    PipelineChecks.latestStates(kafka.readToEnd(kafka.topics.accountState(), AccountState.class, WAIT));

            PipelineChecks.assertExactlyOneResultPerCommand(commands, results);
            PipelineChecks.assertLedgersMatchStates(ledger, states);
            RecoveryChecks.assertForksAndMergesWhole(ledger);
            assertThat(states)
                    .as("final state equals a clean replay")
                    .isEqualTo(RecoveryChecks.cleanReplay(dir.resolve("replay"), commands));
        } finally {
            app.close();
        }
    }
}
