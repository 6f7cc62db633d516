package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.domain.AccountIds;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tells the market integration what to do (docs/rules.md section 7): close all positions of an
 * account once it is closed (by a close command or a merge), and look into a reconciliation
 * mismatch. Exactly once per cause: the instruction id is derived from the cause, and a store of
 * issued instructions, written in the same exactly-once transaction as the output, refuses a
 * second one when a state or result is read again (a compacted topic replays the last state of
 * every closed account; a snapshot may be delivered twice).
 */
public final class MarketInstructionsProcessor implements Processor<String, SpecificRecord, String, MarketInstruction> {
    public static final String NAME = "market-instructions-processor";
    /** "CLOSE_ALL_POSITIONS/<accountId>" or the mismatch instruction id -> the instruction id issued. */
    public static final String ISSUED_STORE = "market-instructions-issued";

    private ProcessorContext<String, MarketInstruction> context;
    private KeyValueStore<String, String> issued;

    @Override
    public void init(ProcessorContext<String, MarketInstruction> context) {
        this.context = context;
        this.issued = context.getStateStore(ISSUED_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof AccountState state && state.getStatus() == AccountStatus.CLOSED) {
            closeAllPositions(state, record.timestamp());
        } else if (record.value() instanceof ReconciliationResult result
                && result.getStatus() == ReconciliationStatus.MISMATCH) {
            mismatch(result, record.timestamp());
        }
    }

    private void closeAllPositions(AccountState state, long timestampMs) {
        String once = MarketInstructionKind.CLOSE_ALL_POSITIONS + "/" + state.getAccountId();
        if (issued.get(once) != null) {
            return;
        }
        String instructionId = once + "/" + state.getLastCommandId();
        MarketInstruction instruction = MarketInstruction.newBuilder()
                .setInstructionId(instructionId)
                .setAccountId(state.getAccountId())
                .setPortfolioId(state.getPortfolioId())
                .setKind(MarketInstructionKind.CLOSE_ALL_POSITIONS)
                .setCauseId(state.getLastCommandId())
                .setReason("account closed (" + (state.getCloseReason() == null ? "REQUESTED" : state.getCloseReason())
                        + ")")
                .setEventTimeMs(state.getUpdatedAtMs())
                .build();
        issue(once, instruction, timestampMs);
    }

    private void mismatch(ReconciliationResult result, long timestampMs) {
        String instructionId = MarketInstructionKind.RECONCILIATION_MISMATCH + "/" + result.getResultId();
        if (issued.get(instructionId) != null) {
            return;
        }
        MarketInstruction instruction = MarketInstruction.newBuilder()
                .setInstructionId(instructionId)
                .setAccountId(result.getAccountId())
                .setPortfolioId(AccountIds.portfolioOf(result.getAccountId()))
                .setKind(MarketInstructionKind.RECONCILIATION_MISMATCH)
                .setCauseId(result.getResultId())
                .setReason(result.getDetail() == null ? "reconciliation mismatch" : result.getDetail())
                .setSnapshotId(result.getSnapshotId())
                .setDifferenceCents(result.getDifferenceCents())
                .setEventTimeMs(result.getAsOfMs())
                .build();
        issue(instructionId, instruction, timestampMs);
    }

    private void issue(String onceKey, MarketInstruction instruction, long timestampMs) {
        issued.put(onceKey, instruction.getInstructionId());
        context.forward(new Record<>(instruction.getAccountId(), instruction, timestampMs));
    }
}
