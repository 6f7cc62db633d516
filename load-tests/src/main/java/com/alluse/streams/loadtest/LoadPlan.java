package com.alluse.streams.loadtest;

import java.time.Duration;

/**
 * How one phase sends its commands.
 *
 * @param openFrom first portfolio index to open (opens go first, in index order)
 * @param openTo portfolio index after the last one to open
 * @param mixedCommands commands of the mix after the opens
 * @param ratePerSecond open loop at this rate; 0 for closed loop (as fast as {@code maxInFlight} allows)
 * @param maxInFlight bound on commands sent without a result yet; a full window makes the sender wait
 * @param maxSendDuration the sender stops after this long, whatever is left
 * @param calendarEvery a calendar close to every partition this often (every fourth a quarter close); null for none
 */
record LoadPlan(
        int openFrom,
        int openTo,
        int mixedCommands,
        double ratePerSecond,
        int maxInFlight,
        Duration maxSendDuration,
        Duration calendarEvery) {

    LoadPlan {
        if (openFrom < 0 || openTo < openFrom) {
            throw new IllegalArgumentException("open range must be 0 <= from <= to, got " + openFrom + ".." + openTo);
        }
        if (mixedCommands < 0) {
            throw new IllegalArgumentException("mixedCommands must not be negative, got " + mixedCommands);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("ratePerSecond must not be negative, got " + ratePerSecond);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
        }
    }

    int totalCommands() {
        return (openTo - openFrom) + mixedCommands;
    }

    boolean openLoop() {
        return ratePerSecond > 0;
    }
}
