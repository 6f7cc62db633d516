package com.alluse.streams.simulator;

import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import java.util.List;
import java.util.Map;

/**
 * What a run produced and saw, for its caller to print or check. Lists of anomalies are kept up to
 * {@link PlatformSimulation#MAX_KEPT_ANOMALIES} each; the counts are exact.
 *
 * @param executions distinct executions reported
 * @param redeliveries reports sent a second time
 * @param rejections results of execution reports that were neither ACCEPTED nor DUPLICATE
 * @param notMatched reconciliation results other than MATCHED
 * @param deployableCapital the engine's last announced deployable capital per account
 * @param eventsAfterClose strategy event ids that arrived after their account's ACCOUNT_CLOSED
 * @param instructions market instructions read by the end of the run, per kind
 */
public record SimulationOutcome(
        List<WeekSummary> weeks,
        long executions,
        long redeliveries,
        List<CommandResult> rejections,
        List<ReconciliationResult> notMatched,
        DiscrepancyPlan discrepancies,
        Map<String, Long> deployableCapital,
        List<String> eventsAfterClose,
        Map<MarketInstructionKind, Long> instructions) {

    public SimulationOutcome {
        weeks = List.copyOf(weeks);
        rejections = List.copyOf(rejections);
        notMatched = List.copyOf(notMatched);
        deployableCapital = Map.copyOf(deployableCapital);
        eventsAfterClose = List.copyOf(eventsAfterClose);
        instructions = Map.copyOf(instructions);
    }

    public WeekSummary lastWeek() {
        return weeks.get(weeks.size() - 1);
    }
}
