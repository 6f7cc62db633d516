package com.alluse.streams.loadtest;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.client.CalendarPublisher;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends one phase's commands, keyed by portfolio id, through an idempotent producer.
 *
 * <p>Open loop: command i is due at start + i / rate. Its latency is measured from when it was
 * due, not when it went out, so a sender held back by a full window or a slow producer does not
 * hide the delay (coordinated omission). Closed loop: each command goes out as soon as the
 * window of commands without a result has room; it measures the maximum sustainable throughput.
 */
final class LoadDriver {
    private static final long WINDOW_WAIT_NANOS = 200_000;
    private static final int FIRST_YEAR = 2030;

    private final KafkaProducer<String, SpecificRecord> producer;
    private final String commandsTopic;
    private final String calendarTopic;
    private final CommandTracker tracker;
    private final CommandGenerator generator;
    private int calendarEvents;

    LoadDriver(
            KafkaProducer<String, SpecificRecord> producer,
            String commandsTopic,
            String calendarTopic,
            CommandTracker tracker,
            CommandGenerator generator) {
        this.producer = producer;
        this.commandsTopic = commandsTopic;
        this.calendarTopic = calendarTopic;
        this.tracker = tracker;
        this.generator = generator;
    }

    /** Sends the plan (bounded by its duration); returns how long sending took, in nanos. */
    long run(LoadPlan plan) {
        if (plan.totalCommands() > tracker.capacity()) {
            throw new IllegalArgumentException(
                    "plan of " + plan.totalCommands() + " commands exceeds the tracker's " + tracker.capacity());
        }
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + plan.maxSendDuration().toNanos();
        long calendarEveryNanos = plan.calendarEvery() == null
                ? Long.MAX_VALUE
                : plan.calendarEvery().toNanos();
        long nextCalendarNanos =
                calendarEveryNanos == Long.MAX_VALUE ? Long.MAX_VALUE : startNanos + calendarEveryNanos;
        double nanosPerCommand = plan.openLoop() ? 1e9 / plan.ratePerSecond() : 0;
        for (int sequence = 0; sequence < plan.totalCommands(); sequence++) {
            long dueNanos = plan.openLoop() ? startNanos + (long) (sequence * nanosPerCommand) : 0;
            if (!waitForTurn(plan, dueNanos, deadlineNanos)) {
                break;
            }
            long intendedNanos = plan.openLoop() ? dueNanos : System.nanoTime();
            send(sequence, command(plan, sequence), intendedNanos);
            if (System.nanoTime() >= nextCalendarNanos) {
                publishCalendarClose();
                nextCalendarNanos += calendarEveryNanos;
            }
        }
        producer.flush();
        return System.nanoTime() - startNanos;
    }

    private AccountCommand command(LoadPlan plan, int sequence) {
        int opens = plan.openTo() - plan.openFrom();
        String commandId = tracker.commandId(sequence);
        return sequence < opens ? generator.open(commandId, plan.openFrom() + sequence) : generator.mixed(commandId);
    }

    /** Waits until the command is due and the window has room; false once the phase's time is up. */
    private boolean waitForTurn(LoadPlan plan, long dueNanos, long deadlineNanos) {
        while (true) {
            long now = System.nanoTime();
            if (now >= deadlineNanos) {
                return false;
            }
            if (plan.openLoop() && now < dueNanos) {
                LockSupport.parkNanos(Math.min(dueNanos - now, deadlineNanos - now));
                continue;
            }
            if (tracker.outstanding() >= plan.maxInFlight()) {
                LockSupport.parkNanos(WINDOW_WAIT_NANOS);
                continue;
            }
            return true;
        }
    }

    private void send(int sequence, AccountCommand command, long intendedNanos) {
        tracker.markSent(sequence, intendedNanos);
        producer.send(new ProducerRecord<>(commandsTopic, command.getPortfolioId(), command), (metadata, error) -> {
            if (error != null) {
                tracker.markSendFailed();
            }
        });
    }

    /** A week close (every fourth a quarter close) to every partition, timestamped now: after the commands sent so far. */
    private void publishCalendarClose() {
        calendarEvents++;
        boolean quarter = calendarEvents % 4 == 0;
        // Ids are <kind>/<period>: distinct periods, or the pipeline would ignore the repeat.
        int index = quarter ? calendarEvents / 4 - 1 : calendarEvents - 1;
        String period = quarter
                ? (FIRST_YEAR + index / 4) + "-Q" + (index % 4 + 1)
                : (FIRST_YEAR + index / 52) + "-W" + String.format("%02d", index % 52 + 1);
        CalendarKind kind = quarter ? CalendarKind.QUARTER_CLOSE : CalendarKind.WEEK_CLOSE;
        CalendarPublisher.publish(
                producer, calendarTopic, AccountCommands.calendar(kind, period, System.currentTimeMillis()));
    }

    int calendarEvents() {
        return calendarEvents;
    }
}
