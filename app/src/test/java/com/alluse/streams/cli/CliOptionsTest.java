package com.alluse.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.client.TopicNames;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

/** The small parsers and checks behind the data commands' options. */
class CliOptionsTest {
    private static final long NOW_MS = 1_764_000_000_000L;

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "PT30S, PT30S", "10S, PT10S"})
    void shouldReadDurationsAsPeopleTypeThem(String typed, String expected) {
        assertThat(new DurationConverter().convert(typed)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void shouldRefuseADurationWithoutUnit() {
        assertThatThrownBy(() -> new DurationConverter().convert("5")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void shouldMapEveryTopicNameToThePrefixedPipelineTopic() {
        TopicNames topics = TopicNames.withPrefix("test.");

        assertThat(ConsumableTopic.fromCliName("results").topicIn(topics)).isEqualTo("test.command-results");
        assertThat(ConsumableTopic.fromCliName("ledger").topicIn(topics)).isEqualTo("test.ledger");
        assertThat(ConsumableTopic.fromCliName("account-state").topicIn(topics)).isEqualTo("test.account-state");
        assertThat(ConsumableTopic.fromCliName("portfolio-events").topicIn(topics))
                .isEqualTo("test.portfolio-events");
        assertThat(ConsumableTopic.fromCliName("DLQ").topicIn(topics)).isEqualTo("test.dlq");
        assertThat(ConsumableTopic.fromCliName("strategy-events").topicIn(topics))
                .isEqualTo("test.strategy-events");
        assertThat(ConsumableTopic.fromCliName("reconciliation").topicIn(topics))
                .isEqualTo("test.reconciliation");
        assertThat(ConsumableTopic.fromCliName("market-instructions").topicIn(topics))
                .isEqualTo("test.market-instructions");
        assertThat(ConsumableTopic.fromCliName("broker-snapshots").topicIn(topics))
                .isEqualTo("test.broker-snapshots");
        assertThat(ConsumableTopic.fromCliName("commands").topicIn(topics)).isEqualTo("test.commands");
        assertThat(ConsumableTopic.fromCliName("calendar").topicIn(topics)).isEqualTo("test.calendar");
    }

    @Test
    void shouldAcceptWeek53OnlyInIsoYearsThatHaveIt() {
        assertThat(CalendarPeriods.problem(CalendarKind.WEEK_CLOSE, "2026-W53")).isEmpty();
        assertThat(CalendarPeriods.problem(CalendarKind.WEEK_CLOSE, "2027-W53"))
                .contains("ISO year 2027 has weeks 01..52, got '2027-W53'");
        assertThat(CalendarPeriods.problem(CalendarKind.WEEK_CLOSE, "2026-W00"))
                .contains("ISO year 2026 has weeks 01..53, got '2026-W00'");
    }

    @Test
    void shouldRefuseAQuarterForAWeekCloseAndAWeekForAQuarterClose() {
        assertThat(CalendarPeriods.problem(CalendarKind.WEEK_CLOSE, "2026-Q4")).isPresent();
        assertThat(CalendarPeriods.problem(CalendarKind.QUARTER_CLOSE, "2026-W48"))
                .isPresent();
        assertThat(CalendarPeriods.problem(CalendarKind.QUARTER_CLOSE, "2026-Q4"))
                .isEmpty();
    }

    @Test
    void shouldAcceptTimestampsWithinTheTopicsWindowInclusive() {
        TimestampWindow window = new TimestampWindow(false, 1_000, 3_600_000);

        assertThat(window.violation(NOW_MS + 3_600_000, NOW_MS)).isEmpty();
        assertThat(window.violation(NOW_MS - 1_000, NOW_MS)).isEmpty();
        assertThat(window.violation(NOW_MS + 3_600_001, NOW_MS))
                .get()
                .asString()
                .contains("more than PT1H in the future");
        assertThat(window.violation(NOW_MS - 1_001, NOW_MS)).get().asString().contains("more than PT1S in the past");
    }

    @Test
    void shouldAcceptAnyTimestampWhenTheBrokerStampsAppendTime() {
        assertThat(new TimestampWindow(true, 0, 0)
                        .violation(NOW_MS + Duration.ofDays(365).toMillis(), NOW_MS))
                .isEmpty();
    }
}
