package com.alluse.streams.simulator;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.client.AccountCommands;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated time: week 0 starts on Monday {@link #START}, and every time the simulation writes into a payload
 * (transaction times, snapshot as-of times, calendar closes) is derived from the week number, so a run is the same
 * whenever it runs. The weeks lie in the past on purpose: a snapshot whose as-of time is older than the
 * pipeline's reconciliation wait is reconciled at once against the ledger it has read. Record timestamps stay the
 * producers' wall clock, which is what the pipeline's stream time and retention follow.
 */
public final class SimulatedCalendar {
    public static final LocalDate START = LocalDate.of(2024, 1, 1);
    /** Two years from {@link #START}: the whole run stays in the past. */
    public static final int MAX_WEEKS = 104;

    private static final LocalTime MARKET_OPEN = LocalTime.of(14, 30);
    private static final LocalTime SNAPSHOT = LocalTime.of(21, 0);
    private static final LocalTime WEEK_CLOSE = LocalTime.of(21, 30);
    private static final LocalTime QUARTER_CLOSE = LocalTime.of(21, 31);

    /** When the simulated portfolios are opened: before the first trade. */
    public long openingTimeMs() {
        return epochMs(START, LocalTime.of(13, 0));
    }

    /** Milliseconds after the market opens of the {@code sequence}-th execution of a day: distinct, in order. */
    public long tradeTimeMs(int week, DayOfWeek day, int sequence) {
        if (sequence < 0 || sequence >= 6 * 60 * 60 * 1000) {
            throw new IllegalArgumentException("sequence must fit in a trading day, got " + sequence);
        }
        return epochMs(day(week, day), MARKET_OPEN) + sequence;
    }

    /** The broker's books close on Friday evening, before the week close. */
    public long snapshotAsOfMs(int week) {
        return epochMs(day(week, DayOfWeek.FRIDAY), SNAPSHOT);
    }

    /** The ISO week of the week's Friday, e.g. 2024-W01. */
    public String weekId(int week) {
        LocalDate friday = day(week, DayOfWeek.FRIDAY);
        return String.format(
                "%d-W%02d", friday.get(IsoFields.WEEK_BASED_YEAR), friday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The week close, and a quarter close when the next week's Friday is in another quarter. */
    public List<CalendarEvent> closes(int week) {
        requireWeek(week);
        LocalDate friday = day(week, DayOfWeek.FRIDAY);
        List<CalendarEvent> closes = new ArrayList<>(2);
        closes.add(AccountCommands.calendar(CalendarKind.WEEK_CLOSE, weekId(week), epochMs(friday, WEEK_CLOSE)));
        if (!quarterId(friday).equals(quarterId(friday.plusWeeks(1)))) {
            closes.add(AccountCommands.calendar(
                    CalendarKind.QUARTER_CLOSE, quarterId(friday), epochMs(friday, QUARTER_CLOSE)));
        }
        return closes;
    }

    /** The day of a simulated week. */
    public LocalDate day(int week, DayOfWeek day) {
        requireWeek(week);
        return START.plusWeeks(week).with(day);
    }

    private static String quarterId(LocalDate date) {
        return date.getYear() + "-Q" + date.get(IsoFields.QUARTER_OF_YEAR);
    }

    private static long epochMs(LocalDate date, LocalTime time) {
        return Instant.from(date.atTime(time).atOffset(ZoneOffset.UTC)).toEpochMilli();
    }

    private static void requireWeek(int week) {
        if (week < 0 || week >= MAX_WEEKS) {
            throw new IllegalArgumentException("week must be within 0.." + (MAX_WEEKS - 1) + ", got " + week);
        }
    }
}
