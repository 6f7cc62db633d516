package com.alluse.streams.processors;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import com.alluse.streams.domain.AccountType;
import com.alluse.streams.processors.internals.EnumMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The strategy-engine processor (docs/rules.md section 7): a child of the command, calendar and
 * reinvestment processors, fed every account state they write, it tells the strategy engine what it may trade.
 * It runs in the ledger's task, so its store writes and events commit in the ledger's transaction:
 * an event exists exactly when the change that raised it was committed.
 *
 * <p>It keeps per account the view it last announced ({@link StrategyView}) and emits one event per
 * difference: opened, deployable capital changed, suspended / activated, buffer breach, drawdown
 * breach / cleared, reinvestment allocated, closed. After an account's closed event it emits nothing more for it.
 */
public final class StrategyEventsProcessor implements Processor<String, AccountState, String, StrategyEvent> {
    /** The node name the ledger processors forward account states to. */
    public static final String NAME = "strategy-events-processor";
    /** Account id -> the last announced {@link StrategyView}, as text. */
    public static final String VIEW_STORE = "strategy-view";

    private static final long BPS_PER_WHOLE = 10_000;

    private ProcessorContext<String, StrategyEvent> context;
    private KeyValueStore<String, String> views;

    @Override
    public void init(ProcessorContext<String, StrategyEvent> context) {
        this.context = context;
        this.views = context.getStateStore(VIEW_STORE);
    }

    @Override
    public void process(Record<String, AccountState> record) {
        AccountState state = record.value();
        String stored = views.get(state.getAccountId());
        StrategyView previous = stored == null ? null : StrategyView.parse(stored);
        StrategyView current = StrategyView.of(state);
        if (current.equals(previous) || (previous != null && previous.closed())) {
            return;
        }
        views.put(state.getAccountId(), current.format());
        for (StrategyEventKind kind : current.kindsSince(previous)) {
            context.forward(
                    new Record<>(state.getAccountId(), event(state, kind, current, previous), record.timestamp()));
        }
    }

    /**
     * floor(available x sizing / 10,000), so the engine is never told a cent more than its share;
     * computed as q x sizing + floor(r x sizing / 10,000) with available = 10,000q + r, which cannot
     * overflow (a throw here would fail the ledger's transaction on every retry).
     */
    static long deployableCents(long availableCents, int positionSizingBps) {
        long whole = availableCents / BPS_PER_WHOLE;
        long rest = availableCents % BPS_PER_WHOLE;
        return whole * positionSizingBps + rest * positionSizingBps / BPS_PER_WHOLE;
    }

    private static StrategyEvent event(
            AccountState state, StrategyEventKind kind, StrategyView view, StrategyView previous) {
        AccountType type = EnumMapper.toDomain(state.getAccountType());
        boolean allocation = kind == StrategyEventKind.REINVESTMENT_ALLOCATED;
        return StrategyEvent.newBuilder()
                .setEventId(state.getLastCommandId() + "/" + state.getAccountId() + "/" + kind.name())
                .setAccountId(state.getAccountId())
                .setPortfolioId(state.getPortfolioId())
                .setKind(kind)
                .setCauseId(state.getLastCommandId())
                .setEventTimeMs(state.getUpdatedAtMs())
                .setAccountType(state.getAccountType())
                .setStatus(state.getStatus())
                .setCloseReason(
                        state.getCloseReason() == null
                                ? null
                                : state.getCloseReason().name())
                .setTargetWeeklyReturnBps(type.targetWeeklyReturnBps())
                .setDeltaMin(type.deltaMin())
                .setDeltaMax(type.deltaMax())
                .setEntryDays(type.entryDays())
                .setPositionSizingBps(type.positionSizingBps())
                .setMaxDrawdownBps(type.maxDrawdownBps())
                .setBalanceCents(state.getBalanceCents())
                .setCashBufferCents(state.getCashBufferCents())
                .setAvailableCents(state.getAvailableCents())
                .setDeployableCapitalCents(view.deployableCents())
                .setPerformanceIndexNanos(state.getPerformanceIndexNanos())
                .setHighWaterMarkNanos(state.getHighWaterMarkNanos())
                .setReinvestedContractsCents(
                        allocation ? view.reinvestedContractsCents() - previous.reinvestedContractsCents() : null)
                .setReinvestedLeapsCents(
                        allocation ? view.reinvestedLeapsCents() - previous.reinvestedLeapsCents() : null)
                .build();
    }

    /**
     * What the strategy engine was last told about an account; stored as "STATUS deployable buffer drawdown
     * contracts leaps".
     *
     * @param deployableCents the deployable capital announced: floor(available x position sizing)
     * @param reinvestedContractsCents the account's reinvestments to contracts so far, {@link #NOT_RECORDED} in a view
     *     stored before reinvestments were announced
     * @param reinvestedLeapsCents the same for LEAPS
     */
    public record StrategyView(
            AccountStatus status,
            long deployableCents,
            boolean bufferBreached,
            boolean drawdownBreached,
            long reinvestedContractsCents,
            long reinvestedLeapsCents) {
        /** In a view stored with four fields: its reinvestments so far were not recorded, so none is announced. */
        static final long NOT_RECORDED = -1;

        static StrategyView of(AccountState state) {
            AccountType type = EnumMapper.toDomain(state.getAccountType());
            long deployable = state.getStatus() == AccountStatus.CLOSED
                    ? 0
                    : StrategyEventsProcessor.deployableCents(state.getAvailableCents(), type.positionSizingBps());
            return new StrategyView(
                    state.getStatus(),
                    deployable,
                    state.getBufferBreached(),
                    state.getDrawdownBreached(),
                    state.getReinvestedContractsCents(),
                    state.getReinvestedLeapsCents());
        }

        static StrategyView parse(String text) {
            String[] parts = text.split(" ");
            boolean recordsReinvestments = parts.length > 4;
            return new StrategyView(
                    AccountStatus.valueOf(parts[0]),
                    Long.parseLong(parts[1]),
                    Boolean.parseBoolean(parts[2]),
                    Boolean.parseBoolean(parts[3]),
                    recordsReinvestments ? Long.parseLong(parts[4]) : NOT_RECORDED,
                    recordsReinvestments ? Long.parseLong(parts[5]) : NOT_RECORDED);
        }

        String format() {
            return status.name() + " " + deployableCents + " " + bufferBreached + " " + drawdownBreached + " "
                    + reinvestedContractsCents + " " + reinvestedLeapsCents;
        }

        boolean closed() {
            return status == AccountStatus.CLOSED;
        }

        /**
         * The events that take the engine from {@code previous} (null: never announced) to this
         * view. A closed account gets only its closed event; a buffer back above its buffer re-arms
         * the breach silently.
         */
        List<StrategyEventKind> kindsSince(StrategyView previous) {
            List<StrategyEventKind> kinds = new ArrayList<>();
            if (previous == null) {
                kinds.add(StrategyEventKind.ACCOUNT_OPENED);
                previous = new StrategyView(
                        AccountStatus.ACTIVE,
                        deployableCents,
                        false,
                        false,
                        reinvestedContractsCents,
                        reinvestedLeapsCents);
            }
            if (closed()) {
                kinds.add(StrategyEventKind.ACCOUNT_CLOSED);
                return kinds;
            }
            if (deployableCents != previous.deployableCents) {
                kinds.add(StrategyEventKind.DEPLOYABLE_CAPITAL_CHANGED);
            }
            if (status != previous.status) {
                kinds.add(
                        status == AccountStatus.SUSPENDED
                                ? StrategyEventKind.ACCOUNT_SUSPENDED
                                : StrategyEventKind.ACCOUNT_ACTIVATED);
            }
            if (bufferBreached && !previous.bufferBreached) {
                kinds.add(StrategyEventKind.BUFFER_BREACH);
            }
            if (drawdownBreached != previous.drawdownBreached) {
                kinds.add(drawdownBreached ? StrategyEventKind.DRAWDOWN_BREACH : StrategyEventKind.DRAWDOWN_CLEARED);
            }
            if (previous.reinvestedContractsCents != NOT_RECORDED
                    && (reinvestedContractsCents != previous.reinvestedContractsCents
                            || reinvestedLeapsCents != previous.reinvestedLeapsCents)) {
                kinds.add(StrategyEventKind.REINVESTMENT_ALLOCATED);
            }
            return kinds;
        }
    }
}
