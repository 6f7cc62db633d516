package com.alluse.streams.domain;

import java.util.Objects;

/** What the rules decided about one command: accepted with its changes, or rejected with a reason. */
public sealed interface Decision {

    record Accepted(Changes changes) implements Decision {
        public Accepted {
            Objects.requireNonNull(changes, "changes");
        }
    }

    record Rejected(RejectReason reason, String message) implements Decision {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    static Decision reject(RejectReason reason, String message) {
        return new Rejected(reason, message);
    }
}
