package com.alluse.streams.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CalendarKind;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedCalendarTest {
    private final SimulatedCalendar calendar = new SimulatedCalendar();

    @Test
    void shouldOrderOpeningTradesSnapshotAndCloseWithinAWeek() {
        long monday = calendar.tradeTimeMs(0, DayOfWeek.MONDAY, 0);
        long thursday = calendar.tradeTimeMs(0, DayOfWeek.THURSDAY, 5);
        long snapshot = calendar.snapshotAsOfMs(0);
        long close = calendar.closes(0).get(0).getEventTimeMs();

        assertThat(calendar.openingTimeMs()).isLessThan(monday);
        assertThat(monday).isLessThan(thursday).isLessThan(snapshot).isLessThan(close);
        assertThat(close).isLessThan(calendar.tradeTimeMs(1, DayOfWeek.MONDAY, 0));
    }

    @Test
    void shouldGiveDistinctTimesToTheExecutionsOfADay() {
        assertThat(calendar.tradeTimeMs(3, DayOfWeek.TUESDAY, 1))
                .isEqualTo(calendar.tradeTimeMs(3, DayOfWeek.TUESDAY, 0) + 1);
    }

    @Test
    void shouldNameTheWeekCloseByTheIsoWeekOfItsFriday() {
        CalendarEvent close = calendar.closes(0).get(0);

        assertThat(close.getKind()).isEqualTo(CalendarKind.WEEK_CLOSE);
        assertThat(close.getPeriodId()).isEqualTo("2024-W01");
        assertThat(close.getEventId()).isEqualTo("WEEK_CLOSE/2024-W01");
        assertThat(Instant.ofEpochMilli(close.getEventTimeMs())).hasToString("2024-01-05T21:30:00Z");
    }

    @Test
    void shouldCloseTheQuarterOnlyInItsLastWeek() {
        // Fridays 2024-03-22 (week 11), 2024-03-29 (week 12, the last of Q1), 2024-04-05 (week 13).
        assertThat(calendar.closes(11)).hasSize(1);
        List<CalendarEvent> lastOfQuarter = calendar.closes(12);
        assertThat(calendar.closes(13)).hasSize(1);

        assertThat(lastOfQuarter)
                .extracting(CalendarEvent::getEventId)
                .containsExactly("WEEK_CLOSE/2024-W13", "QUARTER_CLOSE/2024-Q1");
        assertThat(lastOfQuarter.get(1).getEventTimeMs())
                .isGreaterThan(lastOfQuarter.get(0).getEventTimeMs());
    }

    @Test
    void shouldStayInThePastForEveryWeekItAllows() {
        assertThat(calendar.closes(SimulatedCalendar.MAX_WEEKS - 1).get(0).getEventTimeMs())
                .isLessThan(System.currentTimeMillis());
        assertThatThrownBy(() -> calendar.closes(SimulatedCalendar.MAX_WEEKS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("week must be within");
    }
}
