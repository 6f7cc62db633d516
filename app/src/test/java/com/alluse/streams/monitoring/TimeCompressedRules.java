package com.alluse.streams.monitoring;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production alert rules with their clock sped up, so that a test can watch them fire and
 * resolve in seconds: every {@code for:} duration and every range selector ({@code [15m]}) is
 * divided by the same factor, and nothing else changes (expressions, thresholds, labels,
 * annotations are the production file's). A minute of production time becomes a second at
 * {@link #MINUTES_TO_SECONDS}.
 */
public final class TimeCompressedRules {
    public static final int MINUTES_TO_SECONDS = 60;

    private static final Pattern FOR = Pattern.compile("(?m)^(\\s+for:\\s*)(\\d+)([smh])\\s*$");
    private static final Pattern RANGE = Pattern.compile("\\[(\\d+)([smh])\\]");

    private TimeCompressedRules() {}

    /** The rules file's text with every duration divided by {@code factor} (at least 1 s). */
    public static String compress(String rules, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1");
        }
        Matcher forClause = FOR.matcher(rules);
        String withFor = forClause.replaceAll(
                m -> Matcher.quoteReplacement(m.group(1) + scaled(Long.parseLong(m.group(2)), m.group(3), factor)));
        Matcher range = RANGE.matcher(withFor);
        return range.replaceAll(
                m -> Matcher.quoteReplacement("[" + scaled(Long.parseLong(m.group(1)), m.group(2), factor) + "]"));
    }

    private static String scaled(long amount, String unit, int factor) {
        long seconds = switch (unit) {
            case "s" -> amount;
            case "m" -> amount * 60;
            case "h" -> amount * 3600;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
        return Math.max(1, seconds / factor) + "s";
    }
}
