package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.LedgerEntryType;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.topology.TopologyHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the hard-kill tests check beyond PipelineChecks, under fork- and merge-heavy rules. */
final class RecoveryChecks {
    /** Low thresholds make forks and merges frequent; {@link #FAST_GROWTH_ARGS} give them to `alluse run`. */
    static final RulesConfig FAST_GROWTH = new RulesConfig(100_000, 1_000_000, 500, 2_000, 1_000_000, 7_500);

    static final List<String> FAST_GROWTH_ARGS =
            List.of("--fork-threshold", "1000.00", "--merge-threshold", "10000.00");

    private RecoveryChecks() {}

    /** Every fork has its FORK_OUT and both FORK_INs; every merge its MERGE_OUTs and one MERGE_IN. */
    static void assertForksAndMergesWhole(List<LedgerEntry> ledger) {
        Map<String, List<LedgerEntryType>> forks = ledger.stream()
                .filter(e ->
                        e.getEntryType() == LedgerEntryType.FORK_OUT || e.getEntryType() == LedgerEntryType.FORK_IN)
                .collect(Collectors.groupingBy(
                        LedgerEntry::getForkId, Collectors.mapping(LedgerEntry::getEntryType, Collectors.toList())));
        assertThat(forks).as("forks happened").hasSizeGreaterThan(20);
        forks.forEach((forkId, types) -> assertThat(types)
                .as("fork %s", forkId)
                .containsExactlyInAnyOrder(LedgerEntryType.FORK_OUT, LedgerEntryType.FORK_IN, LedgerEntryType.FORK_IN));
        Map<String, List<LedgerEntry>> merges = ledger.stream()
                .filter(e -> e.getMergeId() != null)
                .collect(Collectors.groupingBy(LedgerEntry::getMergeId));
        assertThat(merges).as("merges happened").isNotEmpty();
        merges.forEach((mergeId, entries) -> {
            long in = entries.stream()
                    .filter(e -> e.getEntryType() == LedgerEntryType.MERGE_IN)
                    .mapToLong(LedgerEntry::getAmountCents)
                    .sum();
            long out = entries.stream()
                    .filter(e -> e.getEntryType() == LedgerEntryType.MERGE_OUT)
                    .mapToLong(LedgerEntry::getAmountCents)
                    .sum();
            assertThat(entries.stream().filter(e -> e.getEntryType() == LedgerEntryType.MERGE_IN))
                    .as("merge %s", mergeId)
                    .hasSize(1);
            assertThat(in + out)
                    .as("merge %s moves money, never creates it", mergeId)
                    .isZero();
        });
    }

    /** The final states of the commands replayed once, without faults, in a TopologyTestDriver. */
    static Map<String, AccountState> cleanReplay(Path stateDir, List<AccountCommand> commands) {
        try (TopologyHarness replay = new TopologyHarness(stateDir, FAST_GROWTH)) {
            commands.forEach(command -> replay.send(command.getPortfolioId(), command));
            return Map.copyOf(replay.states);
        }
    }
}
