package com.alluse.streams.processors;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.domain.AccountLookup;
import com.alluse.streams.domain.CalendarRules;
import com.alluse.streams.domain.Cause;
import com.alluse.streams.domain.Changes;
import com.alluse.streams.domain.Portfolio;

/** Closes a calendar period for one portfolio, without side effects. */
@FunctionalInterface
interface PeriodClose {
    Changes close(CalendarEvent event, Cause cause, Portfolio portfolio, AccountLookup accounts);

    static PeriodClose of(CalendarRules rules) {
        // Exhaustive: a new calendar kind fails compilation instead of being taken for a quarter close.
        return (event, cause, portfolio, accounts) -> switch (event.getKind()) {
            case WEEK_CLOSE -> rules.weekClose(cause, event.getPeriodId(), portfolio, accounts);
            case QUARTER_CLOSE -> rules.quarterClose(cause, event.getPeriodId(), portfolio, accounts);
        };
    }
}
