package com.alluse.streams.app;

/**
 * The integration tests that run beside the others (app/pom.xml: JUnit parallel execution, every
 * other class in one lane) carry {@code @Execution(CONCURRENT)} and {@code @ResourceLock(SecondLane.LOCK)}:
 * the lock keeps them one at a time, so that no more than two tests share the two cores. Without it
 * JUnit ran two of them beside the first lane, and ClosedLoopIT took 264 s instead of 92-117. Today the
 * lane holds only the alert campaign (two rounds, about as long as the whole first lane); the lock stays
 * so that a second class marked for it queues behind the campaign instead of making a third lane.
 */
final class SecondLane {
    static final String LOCK = "alluse.integration-tests.second-lane";

    private SecondLane() {}
}
