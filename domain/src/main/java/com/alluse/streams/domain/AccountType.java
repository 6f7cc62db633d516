package com.alluse.streams.domain;

import java.util.List;

/** The three account kinds and their parameters (docs/rules.md section 2). */
public enum AccountType {
    GENERATION("GEN", 150, 40, 50, List.of("THURSDAY"), 9_000, 1_500, true, true, false),
    REVENUE("REV", 100, 30, 40, List.of("MONDAY", "TUESDAY", "WEDNESDAY"), 9_000, 1_000, true, false, true),
    COMPOUNDING("COM", 50, 20, 30, List.of("MONDAY", "TUESDAY", "WEDNESDAY"), 8_500, 700, false, false, true);

    private final String idSuffix;
    private final int targetWeeklyReturnBps;
    private final int deltaMin;
    private final int deltaMax;
    private final List<String> entryDays;
    private final int positionSizingBps;
    private final int maxDrawdownBps;
    private final boolean withdrawalsAllowed;
    private final boolean forks;
    private final boolean reinvests;

    AccountType(
            String idSuffix,
            int targetWeeklyReturnBps,
            int deltaMin,
            int deltaMax,
            List<String> entryDays,
            int positionSizingBps,
            int maxDrawdownBps,
            boolean withdrawalsAllowed,
            boolean forks,
            boolean reinvests) {
        this.idSuffix = idSuffix;
        this.targetWeeklyReturnBps = targetWeeklyReturnBps;
        this.deltaMin = deltaMin;
        this.deltaMax = deltaMax;
        this.entryDays = entryDays;
        this.positionSizingBps = positionSizingBps;
        this.maxDrawdownBps = maxDrawdownBps;
        this.withdrawalsAllowed = withdrawalsAllowed;
        this.forks = forks;
        this.reinvests = reinvests;
    }

    public String idSuffix() {
        return idSuffix;
    }

    public int targetWeeklyReturnBps() {
        return targetWeeklyReturnBps;
    }

    public int deltaMin() {
        return deltaMin;
    }

    public int deltaMax() {
        return deltaMax;
    }

    public List<String> entryDays() {
        return entryDays;
    }

    public int positionSizingBps() {
        return positionSizingBps;
    }

    public int maxDrawdownBps() {
        return maxDrawdownBps;
    }

    public boolean withdrawalsAllowed() {
        return withdrawalsAllowed;
    }

    public boolean forks() {
        return forks;
    }

    public boolean reinvests() {
        return reinvests;
    }
}
