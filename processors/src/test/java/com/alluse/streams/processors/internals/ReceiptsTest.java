package com.alluse.streams.processors.internals;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.ReasonCode;
import com.alluse.streams.avro.internal.CommandReceipt;
import com.alluse.streams.processors.ProcessorFixture;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptsTest {
    @TempDir
    Path stateDir;

    private ProcessorFixture fixture;
    private Receipts receipts;

    @BeforeEach
    void start() {
        fixture = new ProcessorFixture(stateDir);
        receipts = new Receipts(fixture.context, ProcessorFixture.RETENTION.toMillis());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static CommandReceipt receipt(String commandId, long offset) {
        return new CommandReceipt(
                commandId,
                ByteBuffer.wrap(new byte[] {1, 2, 3}),
                CommandOutcome.REJECTED,
                ReasonCode.NONZERO_BALANCE,
                0,
                offset);
    }

    @Test
    void shouldFindAReceiptRecordedEarlier() {
        receipts.record("P1/c1", receipt("c1", 41));
        fixture.advance(Duration.ofHours(1));

        assertThat(receipts.find("P1/c1")).contains(receipt("c1", 41));
    }

    @Test
    void shouldFindNothingForAKeyNeverRecorded() {
        receipts.record("P1/c1", receipt("c1", 41));

        assertThat(receipts.find("P1/c2")).isEmpty();
        assertThat(receipts.find("P2/c1")).isEmpty();
    }

    @Test
    void shouldStillFindAReceiptAtTheEndOfTheRetention() {
        receipts.record("P1/c1", receipt("c1", 41));
        fixture.advance(ProcessorFixture.RETENTION);

        assertThat(receipts.find("P1/c1")).isPresent();
    }

    @Test
    void shouldForgetAReceiptOlderThanTheRetentionOfStreamTime() {
        receipts.record("P1/c1", receipt("c1", 41));
        fixture.advance(ProcessorFixture.RETENTION.plusSeconds(1));
        receipts.record("P1/c2", receipt("c2", 42));

        assertThat(receipts.find("P1/c1")).isEmpty();
        assertThat(receipts.find("P1/c2")).isPresent();
    }

    @Test
    void shouldKeyCommandsByPortfolioAndCommandIdAndCalendarEventsByTheirId() {
        assertThat(Receipts.commandKey("P1", "c1")).isEqualTo("P1/c1");
        assertThat(Receipts.commandKey("P2", "c1")).isNotEqualTo(Receipts.commandKey("P1", "c1"));
        assertThat(Receipts.calendarKey("WEEK_CLOSE/2026-W01")).isEqualTo("calendar/WEEK_CLOSE/2026-W01");
    }

    @Test
    void shouldKeepThePortfolioMarkersOfACalendarCloseApartFromEveryCommandEventAndOtherMarker() {
        String marker = Receipts.calendarPortfolioKey("WEEK_CLOSE/2026-W01", "P1");

        assertThat(marker)
                .isNotEqualTo(Receipts.calendarKey("WEEK_CLOSE/2026-W01/P1"))
                .isNotEqualTo(Receipts.commandKey("calendar", "WEEK_CLOSE/2026-W01/P1"))
                .isNotEqualTo(Receipts.calendarPortfolioKey("P1/WEEK_CLOSE/2026-W01", "P1"))
                .isNotEqualTo(Receipts.calendarPortfolioKey("WEEK_CLOSE/2026-W01", "P2"));
    }
}
