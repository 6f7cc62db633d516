package com.alluse.streams.projection;

import com.alluse.streams.domain.Account;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.Command;
import com.alluse.streams.domain.DomainEvent;
import com.alluse.streams.domain.LedgerEntry;
import java.util.List;

/**
 * What a projection books its inputs on: {@link RulesLedger} (the domain rules in memory) when it
 * runs, and the production topology in the test that proves both book the same. Every input must
 * be accepted: a rejection or a failure throws IllegalStateException with the reason.
 */
interface ProjectionLedger {

    Booking submit(Cause cause, Command command);

    Booking closeWeek(Cause cause, String periodId);

    Booking closeQuarter(Cause cause, String periodId);

    /** What one input booked, as far as a projection reads it: changed accounts, new ledger entries, forks and merges. */
    record Booking(
            List<Account> accounts,
            List<LedgerEntry> entries,
            List<DomainEvent.ForkCompleted> forks,
            List<DomainEvent.MergeCompleted> merges) {

        public Booking {
            accounts = List.copyOf(accounts);
            entries = List.copyOf(entries);
            forks = List.copyOf(forks);
            merges = List.copyOf(merges);
        }

        static Booking of(Changes changes) {
            List<DomainEvent> events = changes.events();
            return new Booking(
                    changes.accounts(),
                    changes.entries(),
                    ofType(events, DomainEvent.ForkCompleted.class),
                    ofType(events, DomainEvent.MergeCompleted.class));
        }

        private static <T> List<T> ofType(List<DomainEvent> events, Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
