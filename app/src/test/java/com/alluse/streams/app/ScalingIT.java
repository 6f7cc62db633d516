package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.PipelineChecks;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances as separate JVMs sharing one application id, under continuous HTTP command load:
 * three start, a fourth joins, one is SIGKILLed and restarted. Nothing may be lost, repeated or
 * misreported: one decision per command, gap-free ledgers, identical answers from every
 * instance, read-your-writes for every acknowledged command.
 */
@Timeout(600)
class ScalingIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Duration PHASE = Duration.ofSeconds(12);
    private static final int PORTFOLIOS = 24;

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private final Map<Integer, AppProcess> instances = new HashMap<>();
    private final Map<Integer, Integer> httpPorts = new HashMap<>();

    @BeforeEach
    void startBroker() {
        kafka = new BrokerFixture(dir);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (AppProcess instance : instances.values()) {
            instance.close();
        }
        kafka.close();
    }

    private void startInstance(int number) throws Exception {
        int port = httpPorts.computeIfAbsent(number, n -> freePort());
        List<String> args = AppProcess.runArgs(kafka, dir.resolve("instance-" + number), 6);
        args.addAll(List.of(
                "--standby-replicas",
                "1",
                "--http-port",
                Integer.toString(port),
                "--config",
                "session.timeout.ms=6000",
                "--config",
                "heartbeat.interval.ms=1000"));
        AppProcess app = AppProcess.start(dir.resolve("instance-" + number + "-" + System.nanoTime() + ".log"), args);
        instances.put(number, app);
        app.awaitRunning(WAIT);
    }

    @Test
    void shouldLoseAndMisreportNothingWhileInstancesJoinDieAndReturn() throws Exception {
        for (int number = 1; number <= 3; number++) {
            startInstance(number);
        }
        HttpLoad load = new HttpLoad(PORTFOLIOS);
        load.livePorts.addAll(List.of(httpPorts.get(1), httpPorts.get(2), httpPorts.get(3)));
        load.openPortfolios();
        Thread loadThread = new Thread(load, "http-load");
        loadThread.start();

        Thread.sleep(PHASE.toMillis());
        startInstance(4);
        load.livePorts.add(httpPorts.get(4));
        Thread.sleep(PHASE.toMillis());
        load.livePorts.remove(httpPorts.get(2));
        instances.get(2).kill();
        Thread.sleep(PHASE.toMillis());
        startInstance(2);
        load.livePorts.add(httpPorts.get(2));
        Thread.sleep(PHASE.toMillis());
        load.running.set(false);
        loadThread.join(WAIT.toMillis());

        System.out.printf(
                "HTTP load: %d commands decided, %d read-your-writes checks, %d answers 503, %d answers 202, %d errors%n",
                load.decidedOutcomes.size(),
                load.readYourWritesChecked.get(),
                load.unavailable.get(),
                load.pending.get(),
                load.errors.get());
        assertThat(load.decidedOutcomes).hasSizeGreaterThan(PORTFOLIOS + 100);
        assertThat(load.readYourWritesViolations).isEmpty();
        assertOutputsConsistent(load);
        assertEveryInstanceAnswersIdentically(load);
    }

    private void assertOutputsConsistent(HttpLoad load) {
        List<AccountCommand> produced = kafka.readToEnd(kafka.topics.commands(), AccountCommand.class, WAIT);
        List<CommandResult> results = kafka.readUntil(
                kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= produced.size(), WAIT);
        PipelineChecks.assertExactlyOneResultPerCommand(produced, results);
        Set<String> decidedIds = new HashSet<>(load.decidedOutcomes.keySet());
        Set<String> resultIds = new HashSet<>();
        results.forEach(result -> resultIds.add(result.getCommandId()));
        assertThat(resultIds).as("every acknowledged command has a result").containsAll(decidedIds);
        List<LedgerEntry> ledger = kafka.readToEnd(kafka.topics.ledger(), LedgerEntry.class, WAIT);
        Map<String, AccountState> states =
                PipelineChecks.latestStates(kafka.readToEnd(kafka.topics.accountState(), AccountState.class, WAIT));
        PipelineChecks.assertLedgersMatchStates(ledger, states);
    }

    private void assertEveryInstanceAnswersIdentically(HttpLoad load) throws InterruptedException {
        List<String> accountIds = new ArrayList<>();
        for (int p = 0; p < PORTFOLIOS; p++) {
            for (String suffix : List.of("GEN", "REV", "COM")) {
                accountIds.add(HttpLoad.portfolio(p) + ":" + suffix);
            }
        }
        for (String accountId : accountIds) {
            Set<String> answers = new HashSet<>();
            for (int port : httpPorts.values()) {
                answers.add(load.get(port, "/accounts/" + accountId));
            }
            assertThat(answers)
                    .as("answers for %s from %d instances", accountId, httpPorts.size())
                    .hasSize(1);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
