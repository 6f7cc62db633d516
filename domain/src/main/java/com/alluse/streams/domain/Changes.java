package com.alluse.streams.domain;

import java.util.List;

/**
 * Everything one command or calendar event changed, to be written in one atomic step: the
 * portfolio (null if untouched), the accounts in the order they changed, the new ledger entries
 * and the events, in order.
 */
public record Changes(
        Portfolio portfolio, List<Account> accounts, List<LedgerEntry> entries, List<DomainEvent> events) {
    public Changes {
        accounts = List.copyOf(accounts);
        entries = List.copyOf(entries);
        events = List.copyOf(events);
    }
}
