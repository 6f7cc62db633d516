package com.alluse.streams.processors.internals;

import java.util.List;

/**
 * A step whose changes break a ledger invariant (a bug in the rules): it is thrown before
 * anything is written, so the processors reject the command as INTERNAL_ERROR and dead-letter
 * it. Its class name in the dead letter's {@code errorClass} is what the monitoring counts as
 * {@code alluse.invariant.violations}: keep the name stable.
 */
public final class InvariantViolationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    public InvariantViolationException(String portfolioId, String causeId, List<String> violations) {
        super("changes of " + causeId + " to portfolio " + portfolioId + " break the ledger invariants: "
                + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
