package com.alluse.streams.cli;

import com.alluse.streams.domain.Money;
import com.alluse.streams.domain.RulesConfig;
import picocli.CommandLine.Option;

/** The deployment's fork and merge thresholds: shared by `run` and `dr-drill`, which must agree on them. */
final class RulesOptions {
    @Option(
            names = "--fork-threshold",
            defaultValue = "50000.00",
            description = "Deployment fork threshold (default: ${DEFAULT-VALUE}).")
    String forkThreshold;

    @Option(
            names = "--merge-threshold",
            defaultValue = "500000.00",
            description = "Deployment merge threshold (default: ${DEFAULT-VALUE}).")
    String mergeThreshold;

    /** These thresholds, the other rules at their defaults. */
    RulesConfig rules() {
        RulesConfig defaults = RulesConfig.DEFAULTS;
        return new RulesConfig(
                Money.parseDecimal(forkThreshold),
                Money.parseDecimal(mergeThreshold),
                defaults.defaultCashBufferBps(),
                defaults.maxCashBufferBps(),
                defaults.reinvestMinimumCents(),
                defaults.reinvestContractsBps());
    }
}
