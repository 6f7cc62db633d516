package com.alluse.streams.simulator;

import com.alluse.streams.avro.AccountStatus;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.avro.StrategyEventKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The simulated strategy engine's view of every account, built only from {@code alluse.strategy-events}: the
 * latest event of an account is its current view. It also counts what the loop reports per week (fork groups
 * opened, groups merged) and keeps every event that broke the contract "nothing after ACCOUNT_CLOSED".
 */
public final class StrategyBook {
    private final SortedMap<String, AccountView> views = new TreeMap<>();
    private final Set<String> closed = new LinkedHashSet<>();
    private final Set<String> forkGroupsOpened = new LinkedHashSet<>();
    private final Set<String> forkGroupsMerged = new LinkedHashSet<>();
    private final List<String> eventsAfterClose = new ArrayList<>();

    public void apply(StrategyEvent event) {
        String accountId = event.getAccountId();
        if (closed.contains(accountId)) {
            eventsAfterClose.add(event.getEventId());
            return;
        }
        views.put(accountId, AccountView.of(event));
        forkGroup(accountId).ifPresent(group -> {
            if (event.getKind() == StrategyEventKind.ACCOUNT_OPENED) {
                forkGroupsOpened.add(group);
            }
            if (event.getKind() == StrategyEventKind.ACCOUNT_CLOSED && "MERGED".equals(event.getCloseReason())) {
                forkGroupsMerged.add(group);
            }
        });
        if (event.getKind() == StrategyEventKind.ACCOUNT_CLOSED) {
            closed.add(accountId);
        }
    }

    /** Accounts the engine may trade now (active, with capital to deploy), in account id order. */
    public List<AccountView> tradable() {
        return views.values().stream().filter(AccountView::isTradable).toList();
    }

    /** Every account ever announced and not closed, in account id order. */
    public List<AccountView> open() {
        return views.values().stream()
                .filter(view -> view.status() != AccountStatus.CLOSED)
                .toList();
    }

    /** Deployable capital per account as last announced (0 for a closed account). */
    public Map<String, Long> deployableCapital() {
        Map<String, Long> capital = new TreeMap<>();
        views.forEach((accountId, view) -> capital.put(accountId, view.deployableCapitalCents()));
        return Collections.unmodifiableMap(capital);
    }

    public int accounts() {
        return views.size();
    }

    public int forkGroupsOpened() {
        return forkGroupsOpened.size();
    }

    public int forkGroupsMerged() {
        return forkGroupsMerged.size();
    }

    /** Event ids that arrived for an account after its ACCOUNT_CLOSED: the contract says there are none. */
    public List<String> eventsAfterClose() {
        return List.copyOf(eventsAfterClose);
    }

    /** {@code P:F3} of a fork child {@code P:F3:GEN}; empty for a main account. */
    private static Optional<String> forkGroup(String accountId) {
        int last = accountId.lastIndexOf(':');
        int first = accountId.indexOf(':');
        return last > first ? Optional.of(accountId.substring(0, last)) : Optional.empty();
    }
}
