package com.alluse.streams.domain;

import java.util.Locale;
import java.util.Optional;

/** How opening capital splits over Gen/Rev/Com, in basis points adding to 100%. */
public enum Template {
    MODERATE(4_000, 3_000, 3_000),
    CONSERVATIVE(3_000, 5_000, 2_000),
    AGGRESSIVE(5_000, 2_000, 3_000);

    private final int generationBps;
    private final int revenueBps;
    private final int compoundingBps;

    Template(int generationBps, int revenueBps, int compoundingBps) {
        if (generationBps + revenueBps + compoundingBps != Money.BPS_PER_WHOLE) {
            throw new IllegalStateException(name() + " does not add to 100%");
        }
        this.generationBps = generationBps;
        this.revenueBps = revenueBps;
        this.compoundingBps = compoundingBps;
    }

    public static Optional<Template> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(MODERATE);
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public int generationBps() {
        return generationBps;
    }

    /** Rev and Com get their share rounded down; Gen takes the remainder, so the split is exact. */
    public Split split(long capitalCents) {
        long revenue = Money.percentOfFloor(capitalCents, revenueBps);
        long compounding = Money.percentOfFloor(capitalCents, compoundingBps);
        return new Split(capitalCents - revenue - compounding, revenue, compounding);
    }

    public record Split(long generationCents, long revenueCents, long compoundingCents) {}
}
