package com.alluse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.topology.PipelineChecks;
import com.alluse.streams.topology.StreamsSettings;
import com.alluse.streams.topology.TopicReads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a pipeline wrote for the commands of a fault test, read once the load has stopped, with the exactly-once
 * assertions and the lost/duplicated figures the fault tests print.
 */
record PipelineOutcome(
        List<AccountCommand> commands,
        List<CommandResult> results,
        List<LedgerEntry> ledger,
        Map<String, AccountState> states) {

    /** Reads the commands, waits for as many results, then reads the ledger and the latest states. */
    static PipelineOutcome read(TopicReads reads, TopicNames topics, Duration wait) {
        List<AccountCommand> commands = reads.readToEnd(topics.commands(), AccountCommand.class, wait);
        try {
            reads.readUntil(topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), wait);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + shortfall(reads, topics, wait), e);
        }
        return new PipelineOutcome(
                commands,
                reads.readToEnd(topics.commandResults(), CommandResult.class, wait),
                reads.readToEnd(topics.ledger(), LedgerEntry.class, wait),
                PipelineChecks.latestStates(reads.readToEnd(topics.accountState(), AccountState.class, wait)));
    }

    /**
     * Per command partition: its end offset, how many of its offsets have a result, the lowest offset without one,
     * and the pipeline's committed offset (ahead of a missing result means it was committed and lost; behind it
     * means the partition's task stopped processing).
     */
    private static String shortfall(TopicReads reads, TopicNames topics, Duration wait) {
        Map<Integer, Set<Long>> decided = new TreeMap<>();
        for (CommandResult result : reads.readToEnd(topics.commandResults(), CommandResult.class, wait)) {
            decided.computeIfAbsent(result.getCommandPartition(), p -> new HashSet<>())
                    .add(result.getCommandOffset());
        }
        Map<Integer, Long> end = reads.endOffsets(topics.commands());
        Map<Integer, Long> committed =
                reads.committedOffsets(StreamsSettings.DEFAULT_APPLICATION_ID, topics.commands());
        StringBuilder out = new StringBuilder("per command partition end/decided/first undecided/committed: ");
        end.forEach((partition, endOffset) -> {
            Set<Long> offsets = decided.getOrDefault(partition, Set.of());
            long firstUndecided = 0;
            while (firstUndecided < endOffset && offsets.contains(firstUndecided)) {
                firstUndecided++;
            }
            out.append(partition)
                    .append(": ")
                    .append(endOffset)
                    .append('/')
                    .append(offsets.size())
                    .append('/')
                    .append(firstUndecided)
                    .append('/')
                    .append(committed.get(partition))
                    .append(", ");
        });
        return out.toString();
    }

    /** Command positions (partition:offset) with at least one result. */
    long decidedCommands() {
        return results.stream()
                .map(r -> r.getCommandPartition() + ":" + r.getCommandOffset())
                .distinct()
                .count();
    }

    long lostResults() {
        return commands.size() - decidedCommands();
    }

    long duplicatedResults() {
        return results.size() - decidedCommands();
    }

    long duplicatedLedgerEntries() {
        return ledger.size()
                - ledger.stream().map(LedgerEntry::getEntryId).distinct().count();
    }

    /** "N commands, N results, N lost, N duplicated; N ledger entries, N duplicated". */
    String figures() {
        return String.format(
                "%d commands, %d results, %d lost, %d duplicated; %d ledger entries, %d duplicated",
                commands.size(),
                results.size(),
                lostResults(),
                duplicatedResults(),
                ledger.size(),
                duplicatedLedgerEntries());
    }

    /**
     * One result per command, gap-free ledgers summing to the balances, whole forks and merges, and final states
     * equal to the commands replayed once without faults.
     */
    void assertExactlyOnce(int commandsSent, Path replayDir) {
        assertThat(commands).as("commands on the topic").hasSize(commandsSent);
        PipelineChecks.assertExactlyOneResultPerCommand(commands, results);
        assertThat(duplicatedLedgerEntries()).as("ledger entries written twice").isZero();
        PipelineChecks.assertLedgersMatchStates(ledger, states);
        RecoveryChecks.assertForksAndMergesWhole(ledger);
        assertThat(states)
                .as("final state equals a clean replay")
                .isEqualTo(RecoveryChecks.cleanReplay(replayDir, commands));
    }
}
