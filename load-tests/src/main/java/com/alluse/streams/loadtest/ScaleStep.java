package com.alluse.streams.loadtest;

/**
 * The pipeline holding a given number of accounts.
 *
 * @param label "load" after opening up to this many accounts, "after-restore" once restored from the changelogs
 * @param openedAccounts 3 per opened portfolio (Gen, Rev, Com)
 * @param storedAccounts accounts in the store (forks add some), RocksDB's estimate
 * @param openPerSecond portfolio openings per second while loading this step (0 after restore)
 * @param probe the mix run against all opened portfolios at this size
 * @param residentBytes VmRSS of this process (registry, pipeline, load generator, and the broker unless it runs apart)
 * @param brokerResidentBytes VmRSS of the broker's own JVM; -1 when it runs in this process
 * @param stateDirBytes the pipeline's local state directory (RocksDB) on disk
 */
record ScaleStep(
        String label,
        long openedAccounts,
        long storedAccounts,
        double openPerSecond,
        PhaseResult opens,
        PhaseResult probe,
        long residentBytes,
        long brokerResidentBytes,
        long heapUsedBytes,
        long stateDirBytes) {}
