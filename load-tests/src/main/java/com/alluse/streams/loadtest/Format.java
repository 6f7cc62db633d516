package com.alluse.streams.loadtest;

import java.util.Locale;

/** Number formatting for the Markdown report. */
final class Format {
    private Format() {}

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String millis(long micros) {
        return micros >= 100_000
                ? String.format(Locale.ROOT, "%,.0f", micros / 1000.0)
                : String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String mebibytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MiB", bytes / 1024.0 / 1024.0);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
