package com.alluse.streams.processors;

import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import com.alluse.streams.domain.AccountType;
import com.alluse.streams.processors.internals.EnumMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The strategy events (docs/rules.md section 7): what the strategy engine may trade, one event per
 * difference between the view ({@link StrategyView}) of an account's state before and after a ledger
 * step: opened, deployable capital changed, suspended / activated, buffer breach, drawdown breach /
 * cleared, reinvestment allocated, closed; nothing after an account's closed event. The ledger
 * processors write them with the step ({@link com.alluse.streams.processors.internals.ChangeWriter}),
 * in its task and transaction, so an event exists exactly when the change that raised it was
 * committed, and the view of an account's stored state is the view last announced: nothing else is
 * stored.
 */
public final class StrategyEvents {
    private static final long BPS_PER_WHOLE = 10_000;

    private StrategyEvents() {}

    /**
     * The events that take the strategy engine from the view of {@code before} (null: a new account)
     * to that of {@code after}, in the order of {@link StrategyView#kindsSince}.
     */
    public static List<StrategyEvent> between(AccountState before, AccountState after) {
        StrategyView previous = before == null ? null : StrategyView.of(before);
        StrategyView current = StrategyView.of(after);
        if (current.equals(previous) || (previous != null && previous.closed())) {
            return List.of();
        }
        List<StrategyEvent> events = new ArrayList<>(2);
        for (StrategyEventKind kind : current.kindsSince(previous)) {
            events.add(event(after, kind, current, previous));
        }
        return events;
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
     * What the strategy engine is told about an account in a given state.
     *
     * @param deployableCents the deployable capital announced: floor(available x position sizing)
     * @param reinvestedContractsCents the account's reinvestments to contracts so far
     * @param reinvestedLeapsCents the same for LEAPS
     */
    public record StrategyView(
            AccountStatus status,
            long deployableCents,
            boolean bufferBreached,
            boolean drawdownBreached,
            long reinvestedContractsCents,
            long reinvestedLeapsCents) {
        /** The view of a stored account state: what the strategy engine was last told about it. */
        public static StrategyView of(AccountState state) {
            AccountType type = EnumMapper.toDomain(state.getAccountType());
            long deployable = state.getStatus() == AccountStatus.CLOSED
                    ? 0
                    : StrategyEvents.deployableCents(state.getAvailableCents(), type.positionSizingBps());
            return new StrategyView(
                    state.getStatus(),
                    deployable,
                    state.getBufferBreached(),
                    state.getDrawdownBreached(),
                    state.getReinvestedContractsCents(),
                    state.getReinvestedLeapsCents());
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
            if (reinvestedContractsCents != previous.reinvestedContractsCents
                    || reinvestedLeapsCents != previous.reinvestedLeapsCents) {
                kinds.add(StrategyEventKind.REINVESTMENT_ALLOCATED);
            }
            return kinds;
        }
    }
}
