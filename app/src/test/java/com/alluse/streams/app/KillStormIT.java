package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.CommandMix;
import com.alluse.streams.topology.PipelineChecks;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    // Enough commands for the load to outlast the storm: 30 s per kill is far above what one takes.
    private static final int COMMANDS = COMMANDS_PER_SECOND * (60 + 30 * KILLS);
    // The whole test's bound: starting, each kill's worst case, the final reads and the replay.
    private static final Duration BUDGET = Duration.ofMinutes(10).plus(Duration.ofSeconds(60L * KILLS));

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private final AppProcess[] instances = new AppProcess[INSTANCES];
    private final int[] httpPorts = new int[INSTANCES];
    private final List<Thread> threads = new ArrayList<>();
    private OpenLoopLoad load;
    private ResultFlow flow;

    private record KillFigure(int instance, long delayMs, int commandsSent, Duration readyAfter, Duration flowing) {}

    @BeforeEach
    void startBroker() {
        kafka = new BrokerFixture(dir);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (load != null) {
            load.stop();
        }
        if (flow != null) {
            flow.stop();
        }
        for (Thread thread : threads) {
            thread.join(WAIT.toMillis());
        }
        for (AppProcess instance : instances) {
            if (instance != null) {
                instance.close();
            }
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
        for (int i = 0; i < INSTANCES; i++) {
            httpPorts[i] = freePort();
            instances[i] = startInstance(i, 0);
        }
        awaitAllReady();
        List<AccountCommand> commands = new CommandMix(SEED, PORTFOLIOS, 300_000).generate(COMMANDS);
        load = new OpenLoopLoad(
                kafka.bootstrapServers(),
                kafka.serdeConfig,
                kafka.topics.commands(),
                PARTITIONS,
                commands,
                COMMANDS_PER_SECOND);
        flow = new ResultFlow(kafka.bootstrapServers(), kafka.serdeConfig, kafka.topics.commandResults(), PARTITIONS);
        start(load, "command-load");
        start(flow, "result-flow");
        flow.flowingAgain(new long[PARTITIONS], System.nanoTime()).get(RECOVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS);

        List<KillFigure> figures = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            figures.add(killAndRestart(kill, random));
        }
        load.stop();
        // The outputs are read afresh below; without this stop the join waited its whole bound for the follower.
        flow.stop();
        assertThat(load.exhausted()).as("the load outlasted the storm").isFalse();
        for (Thread thread : threads) {
            thread.join(WAIT.toMillis());
        }
        assertThat(load.sendFailures).as("commands the broker refused").isEmpty();
        assertOutputs(figures);
    }

    private KillFigure killAndRestart(int kill, Random random) throws Exception {
        awaitAllReady();
        int victim = random.nextInt(INSTANCES);
        long delayMs = random.nextInt(MAX_KILL_DELAY_MS);
        // Not synchronisation: the random moment of the kill, after the group has settled.
        Thread.sleep(delayMs);
        long killNanos = System.nanoTime();
        instances[victim].kill();
        // Only commands acknowledged after the death can show that a live owner processes their partition.
        var flowing = flow.flowingAgain(load.nextOffsets(), killNanos);
        instances[victim] = startInstance(victim, kill);
        instances[victim].awaitReady(httpPorts[victim], READY_WAIT);
        Duration readyAfter = Duration.ofNanos(System.nanoTime() - killNanos);
        Duration flowingAfter = flowing.get(RECOVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        KillFigure figure = new KillFigure(victim, delayMs, load.sent(), readyAfter, flowingAfter);
        System.out.printf(
                "kill %d: instance %d after %d ms, %d commands sent; restarted instance ready after %d ms, results flowing on every partition after %d ms%n",
                kill, victim, delayMs, figure.commandsSent(), readyAfter.toMillis(), flowingAfter.toMillis());
        return figure;
    }

    private void assertOutputs(List<KillFigure> figures) {
        List<AccountCommand> produced = kafka.readToEnd(kafka.topics.commands(), AccountCommand.class, WAIT);
        assertThat(produced).as("commands on the topic").hasSize(load.sent());
        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= produced.size(), WAIT);
        List<CommandResult> results = kafka.readToEnd(kafka.topics.commandResults(), CommandResult.class, WAIT);
        List<LedgerEntry> ledger = kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT);
        Map<String, AccountState> states =
                PipelineChecks.latestStates(kafka.readToEnd(kafka.topics.accountState(), AccountState.class, WAIT));
        printSummary(figures, produced, results, ledger);

        PipelineChecks.assertExactlyOneResultPerCommand(produced, results);
        PipelineChecks.assertLedgersMatchStates(ledger, states);
        RecoveryChecks.assertForksAndMergesWhole(ledger);
        assertThat(states)
                .as("final state equals a clean replay")
                .isEqualTo(RecoveryChecks.cleanReplay(dir.resolve("replay"), produced));
    }

    private static void printSummary(
            List<KillFigure> figures,
            List<AccountCommand> produced,
            List<CommandResult> results,
            List<LedgerEntry> ledger) {
        long decidedPositions = results.stream()
                .map(r -> r.getCommandPartition() + ":" + r.getCommandOffset())
                .distinct()
                .count();
        long distinctEntries =
                ledger.stream().map(LedgerEntry::getEntryId).distinct().count();
        long[] flowingMs =
                figures.stream().mapToLong(f -> f.flowing().toMillis()).sorted().toArray();
        long[] readyMs = figures.stream()
                .mapToLong(f -> f.readyAfter().toMillis())
                .sorted()
                .toArray();
        System.out.printf(
                "kill storm seed %d: %d kills, %d commands, %d results, %d lost, %d duplicated; %d ledger entries, %d duplicated%n",
                SEED,
                figures.size(),
                produced.size(),
                results.size(),
                produced.size() - decidedPositions,
                results.size() - decidedPositions,
                ledger.size(),
                ledger.size() - distinctEntries);
        System.out.printf(
                "kill storm recovery (kill to results flowing on every partition) ms: min %d, median %d, max %d; restarted instance ready ms: min %d, median %d, max %d%n",
                flowingMs[0],
                flowingMs[flowingMs.length / 2],
                flowingMs[flowingMs.length - 1],
                readyMs[0],
                readyMs[readyMs.length / 2],
                readyMs[readyMs.length - 1]);
    }

    private AppProcess startInstance(int number, int generation) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--schema-registry-url",
                kafka.registry.url(),
                "--data-dir",
                dir.resolve("instance-" + number).toString(),
                "--partitions",
                Integer.toString(PARTITIONS),
                "--standby-replicas",
                "1",
                "--http-port",
                Integer.toString(httpPorts[number]),
                // A killed member must leave the group quickly (6 s is the broker's minimum).
                "--config",
                "session.timeout.ms=6000",
                "--config",
                "heartbeat.interval.ms=1000"));
        args.addAll(RecoveryChecks.FAST_GROWTH_ARGS);
        return AppProcess.start(dir.resolve("instance-" + number + "-" + generation + ".log"), args);
    }

    private void awaitAllReady() throws IOException, InterruptedException {
        for (int i = 0; i < INSTANCES; i++) {
            instances[i].awaitReady(httpPorts[i], READY_WAIT);
        }
    }

    private void start(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
