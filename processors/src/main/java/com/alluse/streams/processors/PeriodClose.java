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

    /** Performance and drawdown (docs/rules.md section 6): what the calendar processor applies. */
    static PeriodClose weekOf(CalendarRules rules) {
        return (event, cause, portfolio, accounts) -> rules.weekClose(cause, event.getPeriodId(), portfolio, accounts);
    }

    /** The quarterly reinvestment (docs/rules.md section 6): what the reinvestment processor applies. */
    static PeriodClose quarterOf(CalendarRules rules) {
        return (event, cause, portfolio, accounts) ->
                rules.quarterClose(cause, event.getPeriodId(), portfolio, accounts);
    }
}
