package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import com.alluse.streams.domain.AccountType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The strategy events on a real broker under exactly-once, checked against the account-state changelog. */
@Timeout(240)
class StrategyEventsIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String FORK_MERGE = "FM1";
    private static final long START_MS = 1_790_000_000_000L;

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private AccountStreamsApp app;

    @BeforeEach
    void start() throws InterruptedException {
        kafka = new BrokerFixture(dir);
        app = kafka.startPipeline(3, dir.resolve("state"), WAIT);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        kafka.close();
    }

    @Test
    void shouldMatchTheAccountStateChangelogForAPortfolioWithAForkAndAMerge() {
        List<AccountCommand> commands = new ArrayList<>(forkAndMerge());
        commands.addAll(new CommandMix(11, 30, 2_000_000).generate(1_500));
        kafka.produce(commands);

        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), WAIT);
        Map<String, AccountState> states =
                PipelineChecks.latestStates(kafka.readToEnd(kafka.topics.accountState(), AccountState.class, WAIT));
        List<StrategyEvent> events = kafka.readToEnd(kafka.topics.strategyEvents(), StrategyEvent.class, WAIT);
        Map<String, List<StrategyEvent>> byAccount = new LinkedHashMap<>();
        events.forEach(e -> byAccount
                .computeIfAbsent(e.getAccountId(), id -> new ArrayList<>())
                .add(e));

        assertThat(byAccount.keySet()).containsExactlyInAnyOrderElementsOf(states.keySet());
        assertThat(events).extracting(StrategyEvent::getEventId).doesNotHaveDuplicates();
        states.forEach((accountId, state) -> assertAccountMatches(state, byAccount.get(accountId)));
        for (String child : List.of(FORK_MERGE + ":F1:GEN", FORK_MERGE + ":F1:COM")) {
            List<StrategyEvent> childEvents = byAccount.get(child);
            assertThat(childEvents)
                    .extracting(StrategyEvent::getKind)
                    .containsExactly(
                            StrategyEventKind.ACCOUNT_OPENED,
                            StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED,
                            StrategyEventKind.ACCOUNT_CLOSED);
            assertThat(childEvents.get(2).getCloseReason()).isEqualTo("MERGED");
        }
    }

    /** Opened first, closed last if at all, and the last event is the changelog's latest state. */
    private static void assertAccountMatches(AccountState state, List<StrategyEvent> events) {
        assertThat(events.get(0).getKind()).as(state.getAccountId()).isEqualTo(StrategyEventKind.ACCOUNT_OPENED);
        List<StrategyEvent> closes = events.stream()
                .filter(e -> e.getKind() == StrategyEventKind.ACCOUNT_CLOSED)
                .toList();
        StrategyEvent last = events.get(events.size() - 1);
        if (state.getStatus() == AccountStatus.CLOSED) {
            assertThat(closes)
                    .as("one close, the last event of %s", state.getAccountId())
                    .containsExactly(last);
            assertThat(last.getDeployableCapitalCents()).isZero();
        } else {
            int sizingBps = AccountType.valueOf(state.getAccountType().name()).positionSizingBps();
            assertThat(closes).as(state.getAccountId()).isEmpty();
            assertThat(last.getStatus()).as(state.getAccountId()).isEqualTo(state.getStatus());
            assertThat(last.getDeployableCapitalCents())
                    .as("deployable capital of %s", state.getAccountId())
                    .isEqualTo(state.getAvailableCents() * sizingBps / 10_000);
        }
    }

    /** docs/rules.md case 7: a fork at 50,000.00 surplus, then the group merges at 500,000.00. */
    private static List<AccountCommand> forkAndMerge() {
        List<Object> payloads = List.of(
                openPortfolio(25_000_000L, "MODERATE"),
                premium(FORK_MERGE + ":GEN", 5_000_000L),
                deposit(FORK_MERGE + ":F1:GEN", 27_500_000L),
                deposit(FORK_MERGE + ":F1:COM", 17_499_999L),
                premium(FORK_MERGE + ":F1:GEN", 1L),
                premium(FORK_MERGE + ":F1:GEN", 1L),
                deposit(FORK_MERGE + ":COM", 100_00L));
        List<AccountCommand> commands = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            commands.add(command(FORK_MERGE + "-" + i, FORK_MERGE, START_MS + i, payloads.get(i)));
        }
        return commands;
    }
}
