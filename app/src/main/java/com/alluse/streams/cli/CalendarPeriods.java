package com.alluse.streams.cli;

import com.alluse.streams.avro.CalendarKind;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period ids calendar events carry: an ISO week ({@code 2026-W48}) for a week close, a quarter
 * ({@code 2026-Q4}) for a quarter close. The event id {@code <KIND>/<period>} is the event's
 * idempotency key, so a typo would not be caught as a repeat but applied as a second close: the
 * format is checked strictly.
 */
final class CalendarPeriods {
    private static final Pattern WEEK = Pattern.compile("([0-9]{4})-W([0-9]{2})");
    private static final Pattern QUARTER = Pattern.compile("[0-9]{4}-Q[1-4]");

    private CalendarPeriods() {}

    /** Why the period is not one of this kind, or empty when it is. */
    static Optional<String> problem(CalendarKind kind, String period) {
        return switch (kind) {
            case WEEK_CLOSE -> weekProblem(period);
            case QUARTER_CLOSE ->
                QUARTER.matcher(period).matches()
                        ? Optional.empty()
                        : Optional.of("a QUARTER_CLOSE period is a quarter such as 2026-Q4, got '" + period + "'");
        };
    }

    private static Optional<String> weekProblem(String period) {
        Matcher matcher = WEEK.matcher(period);
        if (!matcher.matches()) {
            return Optional.of("a WEEK_CLOSE period is an ISO week such as 2026-W48, got '" + period + "'");
        }
        int year = Integer.parseInt(matcher.group(1));
        int week = Integer.parseInt(matcher.group(2));
        // Mid-year is safely inside the week-based year, whose length (52 or 53 weeks) it gives.
        long weeksInYear = IsoFields.WEEK_OF_WEEK_BASED_YEAR
                .rangeRefinedBy(LocalDate.of(year, 6, 1))
                .getMaximum();
        if (week < 1 || week > weeksInYear) {
            return Optional.of("ISO year " + year + " has weeks 01.." + weeksInYear + ", got '" + period + "'");
        }
        return Optional.empty();
    }
}
