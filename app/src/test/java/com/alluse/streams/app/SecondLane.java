package com.alluse.streams.app;

/**
 * The integration tests that run beside the others (app/pom.xml: JUnit parallel execution, every
 * other class in one lane) carry {@code @Execution(CONCURRENT)} and {@code @ResourceLock(SecondLane.LOCK)}:
 * the lock keeps them one at a time, so that no more than two tests share the two cores. Without it
 * JUnit ran both beside the first lane, and ClosedLoopIT took 264 s instead of 92-117.
 */
final class SecondLane {
    static final String LOCK = "alluse.integration-tests.second-lane";

    private SecondLane() {}
}
