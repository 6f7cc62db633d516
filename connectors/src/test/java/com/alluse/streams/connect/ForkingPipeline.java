package com.alluse.streams.connect;

import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.BrokerFixture;
import java.nio.file.Path;
import java.time.Duration;

/** The pipeline the connector tests feed from: thresholds low enough that a few thousand commands fork and merge. */
public final class ForkingPipeline {
    public static final RulesConfig RULES = new RulesConfig(1_000_000L, 4_000_000L, 500, 2_000, 1_000_000L, 7_500);
    public static final int PARTITIONS = 3;

    private ForkingPipeline() {}

    /** Started on the fixture's broker and RUNNING. */
    public static AccountStreamsApp start(BrokerFixture kafka, Path stateDir, Duration timeout)
            throws InterruptedException {
        return kafka.startPipeline(PARTITIONS, RULES, stateDir, timeout);
    }
}
