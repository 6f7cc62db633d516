package com.alluse.streams.processors.reconciliation;

import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.MarketInstructionKind;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.ReconciliationStatus;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import com.alluse.streams.domain.AccountIds;
import com.alluse.streams.processors.SinkNames;
import com.alluse.streams.processors.internals.DeadLetters;
import com.alluse.streams.processors.internals.RecordDecoder;
import com.alluse.streams.processors.metrics.MarketMetrics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tells the market integration what to do (docs/rules.md section 7), in a sub-topology of its own
 * over the strategy events and the reconciliation results: close all positions of an account once
 * it is closed (by a close command or a merge: its ACCOUNT_CLOSED strategy event, which exists
 * exactly when the closing change was committed), and look into a reconciliation mismatch.
 *
 * <p>Exactly once per cause: the instruction id is derived from the cause, and a store of issued
 * instructions, written in the same exactly-once transaction as the output, refuses a second
 * one when an input is read again. Undecodable input is dead-lettered. It counts the results it
 * reads and the instructions it sends ({@link MarketMetrics}).
 */
public final class MarketInstructionsProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
    public static final String NAME = "market-instructions-processor";
    /** "CLOSE_ALL_POSITIONS/<accountId>" or a mismatch instruction id -> the instruction id issued. */
    public static final String ISSUED_STORE = "market-instructions-issued";

    private final Deserializer<SpecificRecord> deserializer;
    private final MarketMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private RecordDecoder<SpecificRecord> decoder;
    private KeyValueStore<String, String> issued;

    public MarketInstructionsProcessor(Deserializer<SpecificRecord> deserializer, MarketMetrics metrics) {
        this.deserializer = deserializer;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.decoder = new RecordDecoder<>(
                context, deserializer, SpecificRecord.class, new DeadLetters(context, SinkNames.MARKET_DEAD_LETTERS));
        this.issued = context.getStateStore(ISSUED_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SpecificRecord value = decoder.decode(record).orElse(null);
        if (value instanceof StrategyEvent event && event.getKind() == StrategyEventKind.ACCOUNT_CLOSED) {
            closeAllPositions(event, record.timestamp());
        } else if (value instanceof ReconciliationResult result) {
            metrics.result(result);
            if (result.getStatus() == ReconciliationStatus.MISMATCH) {
                mismatch(result, record.timestamp());
            }
        }
    }

    private void closeAllPositions(StrategyEvent closed, long timestampMs) {
        String once = MarketInstructionKind.CLOSE_ALL_POSITIONS + "/" + closed.getAccountId();
        if (issued.get(once) != null) {
            return;
        }
        MarketInstruction instruction = MarketInstruction.newBuilder()
                .setInstructionId(once + "/" + closed.getCauseId())
                .setAccountId(closed.getAccountId())
                .setPortfolioId(closed.getPortfolioId())
                .setKind(MarketInstructionKind.CLOSE_ALL_POSITIONS)
                .setCauseId(closed.getCauseId())
                .setReason("account closed ("
                        + (closed.getCloseReason() == null ? "REQUESTED" : closed.getCloseReason()) + ")")
                .setEventTimeMs(closed.getEventTimeMs())
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
        metrics.instruction(instruction.getKind());
        context.forward(
                new Record<>(instruction.getAccountId(), instruction, timestampMs), SinkNames.MARKET_INSTRUCTIONS);
    }
}
