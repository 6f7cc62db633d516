package com.alluse.streams.projection;

import com.alluse.streams.domain.Money;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.domain.Template;
import java.util.Objects;

/**
 * What a projection starts from: one portfolio's opening capital and template, how many weeks to
 * run, and the deployment's fork and merge thresholds.
 */
public record ProjectionInputs(
        long capitalCents, Template template, int weeks, long forkThresholdCents, long mergeThresholdCents) {

    public static final int WEEKS_PER_YEAR = 52;
    /** 50 years: far past any planning horizon, and it bounds the run's time and memory. */
    public static final int MAX_WEEKS = 2_600;

    public ProjectionInputs {
        Objects.requireNonNull(template, "template");
        if (!Money.isValidCommandAmount(capitalCents)) {
            throw new IllegalArgumentException(
                    "capital must be a positive command amount, got " + Money.toDecimalString(capitalCents));
        }
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw new IllegalArgumentException("weeks must be within 1.." + MAX_WEEKS + ", got " + weeks);
        }
        if (!RulesConfig.areValidThresholds(forkThresholdCents, mergeThresholdCents)) {
            throw new IllegalArgumentException("thresholds must be positive amounts with merge > fork, got fork "
                    + Money.toDecimalString(forkThresholdCents) + ", merge "
                    + Money.toDecimalString(mergeThresholdCents));
        }
    }

    /** The deployment defaults (fork at 50,000.00, merge at 500,000.00). */
    public static ProjectionInputs withDefaultThresholds(long capitalCents, Template template, int weeks) {
        RulesConfig defaults = RulesConfig.DEFAULTS;
        return new ProjectionInputs(
                capitalCents, template, weeks, defaults.forkThresholdCents(), defaults.mergeThresholdCents());
    }

    /** The production rules with this projection's thresholds. */
    public RulesConfig rules() {
        RulesConfig defaults = RulesConfig.DEFAULTS;
        return new RulesConfig(
                forkThresholdCents,
                mergeThresholdCents,
                defaults.defaultCashBufferBps(),
                defaults.maxCashBufferBps(),
                defaults.reinvestMinimumCents(),
                defaults.reinvestContractsBps());
    }
}
