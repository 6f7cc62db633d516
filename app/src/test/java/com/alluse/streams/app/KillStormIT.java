package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.CommandMix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill storm: three instances (separate JVMs, one application id) under open-loop load, and
 * a seeded random instance SIGKILLed at a seeded random moment, again and again, each restarted
 * at once on its state directory. Exactly-once must hide every kill: one result per command
 * record, gap-free ledgers summing to the balances, whole forks and merges, and a final state
 * equal to a clean replay. Prints the figures (recovery time after each kill included).
 *
 * <p>{@code -Dkillstorm.kills=100} runs a longer storm; {@code -Dkillstorm.seed=N} repeats a
 * storm's choices (victims, moments, commands), {@code -Dkillstorm.rate=N} sets commands per second.
 */
class KillStormIT {
    private static final int INSTANCES = 3;
    private static final int PARTITIONS = 6;
    private static final int PORTFOLIOS = 60;
    /** Five in the CI build (about a third of its app-module time here); the 20-kill run is in docs/reliability.md. */
    private static final int KILLS = Integer.getInteger("killstorm.kills", 5);

    private static final long SEED = Long.getLong("killstorm.seed", System.currentTimeMillis());
    private static final int COMMANDS_PER_SECOND = Integer.getInteger("killstorm.rate", 100);
    private static final int MAX_KILL_DELAY_MS = 3_000;
    private static final Duration READY_WAIT = Duration.ofSeconds(150);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(180);
    // The whole test's bound: starting, each kill's worst case, the final reads and the replay.
    private static final Duration BUDGET = Duration.ofMinutes(10).plus(Duration.ofSeconds(60L * KILLS));
    private static final int COMMANDS = FaultLoad.commandsLasting(BUDGET, COMMANDS_PER_SECOND);

    /** Kept when the test fails: the broker's data and the instances' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private BrokerFixture kafka;
    private PipelineInstances instances;
    private FaultLoad traffic;

    private record KillFigure(int instance, long delayMs, int commandsSent, Duration readyAfter, Duration flowing) {}

    @BeforeEach
    void startBroker() {
        kafka = new BrokerFixture(dir);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (traffic != null) {
            traffic.close();
        }
        if (instances != null) {
            instances.close();
        }
        kafka.close();
    }

    @Test
    void shouldLoseAndDoubleNothingWhenRandomInstancesAreKilledRepeatedlyUnderLoad() {
        System.out.printf(
                "kill storm: seed %d (repeat with -Dkillstorm.seed=%d), %d kills of %d instances, %d commands/s%n",
                SEED, SEED, KILLS, INSTANCES, COMMANDS_PER_SECOND);
        assertTimeoutPreemptively(BUDGET, this::storm);
    }

    private void storm() throws Exception {
        Random random = new Random(SEED);
        instances = new PipelineInstances(
                dir,
                INSTANCES,
                PipelineInstances.runArgs(kafka.bootstrapServers(), kafka.registry.url(), PARTITIONS, 1));
        instances.startAll();
        instances.awaitAllReady(READY_WAIT);
        List<AccountCommand> commands = new CommandMix(SEED, PORTFOLIOS, 300_000).generate(COMMANDS);
        traffic = FaultLoad.start(
                kafka.bootstrapServers(), kafka.serdeConfig, kafka.topics, PARTITIONS, commands, COMMANDS_PER_SECOND);
        traffic.awaitFlowing(traffic.flow.flowingAgain(new long[PARTITIONS], System.nanoTime()), RECOVERY_WAIT);

        List<KillFigure> figures = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            figures.add(killAndRestart(kill, random));
        }
        traffic.stop(WAIT);
        assertThat(traffic.load.exhausted()).as("the load outlasted the storm").isFalse();
        assertThat(traffic.load.sendFailures).as("commands the broker refused").isEmpty();
        assertOutputs(figures);
    }

    private KillFigure killAndRestart(int kill, Random random) throws Exception {
        instances.awaitAllReady(READY_WAIT);
        int victim = random.nextInt(INSTANCES);
        long delayMs = random.nextInt(MAX_KILL_DELAY_MS);
        // Not synchronisation: the random moment of the kill, after the group has settled.
        Thread.sleep(delayMs);
        long killNanos = System.nanoTime();
        instances.kill(victim);
        // Only commands acknowledged after the death can show that a live owner processes their partition.
        var flowing = traffic.flow.flowingAgain(traffic.load.nextOffsets(), killNanos);
        instances.restart(victim, kill, READY_WAIT);
        Duration readyAfter = Duration.ofNanos(System.nanoTime() - killNanos);
        Duration flowingAfter = traffic.awaitFlowing(flowing, RECOVERY_WAIT);
        KillFigure figure = new KillFigure(victim, delayMs, traffic.load.sent(), readyAfter, flowingAfter);
        System.out.printf(
                "kill %d: instance %d after %d ms, %d commands sent; restarted instance ready after %d ms, results flowing on every partition after %d ms%n",
                kill, victim, delayMs, figure.commandsSent(), readyAfter.toMillis(), flowingAfter.toMillis());
        return figure;
    }

    private void assertOutputs(List<KillFigure> figures) {
        PipelineOutcome outcome = PipelineOutcome.read(kafka.reads(), kafka.topics, WAIT);
        printSummary(figures, outcome);
        outcome.assertExactlyOnce(traffic.load.sent(), dir.resolve("replay"));
    }

    private static void printSummary(List<KillFigure> figures, PipelineOutcome outcome) {
        long[] flowingMs =
                figures.stream().mapToLong(f -> f.flowing().toMillis()).sorted().toArray();
        long[] readyMs = figures.stream()
                .mapToLong(f -> f.readyAfter().toMillis())
                .sorted()
                .toArray();
        System.out.printf("kill storm seed %d: %d kills, %s%n", SEED, figures.size(), outcome.figures());
        System.out.printf(
                "kill storm recovery (kill to results flowing on every partition) ms: min %d, median %d, max %d; restarted instance ready ms: min %d, median %d, max %d%n",
                flowingMs[0],
                flowingMs[flowingMs.length / 2],
                flowingMs[flowingMs.length - 1],
                readyMs[0],
                readyMs[readyMs.length / 2],
                readyMs[readyMs.length - 1]);
    }
}
