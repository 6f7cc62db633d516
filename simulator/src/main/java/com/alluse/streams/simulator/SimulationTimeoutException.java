package com.alluse.streams.simulator;

/** The pipeline did not show what the simulation waited for within its bound: the run cannot go on. */
public final class SimulationTimeoutException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SimulationTimeoutException(String message) {
        super(message);
    }
}
