package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.LedgerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Assertions over the pipeline's outputs that hold for any command stream. */
public final class PipelineChecks {
    private PipelineChecks() {}

    /** One result per record produced; per command id exactly one first (non-DUPLICATE) result. */
    public static void assertExactlyOneResultPerCommand(List<AccountCommand> produced, List<CommandResult> results) {
        assertThat(results).as("one result per produced record").hasSize(produced.size());
        Map<String, Long> firstResults = results.stream()
                .filter(result -> result.getOutcome() != CommandOutcome.DUPLICATE)
                .collect(Collectors.groupingBy(CommandResult::getCommandId, Collectors.counting()));
        long distinctIds =
                produced.stream().map(AccountCommand::getCommandId).distinct().count();
        assertThat(firstResults).as("first results per command id").hasSize((int) distinctIds);
        assertThat(firstResults.values()).as("a command id decided twice").allMatch(count -> count == 1);
    }

    /** Per account: sequences 1..n without gaps or repeats, running balances right, sum == latest state. */
    public static void assertLedgersMatchStates(List<LedgerEntry> ledger, Map<String, AccountState> states) {
        Map<String, List<LedgerEntry>> byAccount = new HashMap<>();
        ledger.forEach(entry -> byAccount
                .computeIfAbsent(entry.getAccountId(), id -> new ArrayList<>())
                .add(entry));
        assertThat(byAccount.keySet()).as("accounts with ledger entries").isEqualTo(states.keySet());
        byAccount.forEach((accountId, entries) -> {
            entries.sort((a, b) -> Long.compare(a.getSequence(), b.getSequence()));
            long sumCents = 0;
            for (int i = 0; i < entries.size(); i++) {
                LedgerEntry entry = entries.get(i);
                assertThat(entry.getSequence())
                        .as("sequence of %s entry %d", accountId, i)
                        .isEqualTo(i + 1L);
                sumCents += entry.getAmountCents();
                assertThat(entry.getBalanceAfterCents())
                        .as("running balance of %s", entry.getEntryId())
                        .isEqualTo(sumCents);
            }
            AccountState state = states.get(accountId);
            assertThat(sumCents).as("ledger sum of %s", accountId).isEqualTo(state.getBalanceCents());
            assertThat(state.getLastSequence())
                    .as("last sequence of %s", accountId)
                    .isEqualTo(entries.size());
        });
    }

    public static Map<String, AccountState> latestStates(List<AccountState> changelog) {
        Map<String, AccountState> latest = new HashMap<>();
        changelog.forEach(state -> latest.put(state.getAccountId(), state));
        return latest;
    }
}
