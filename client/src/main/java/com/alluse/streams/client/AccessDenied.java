package com.alluse.streams.client;

import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Kafka refused a client: its credentials (authentication) or its ACLs (authorization). Neither heals by
 * retrying, so the app, the CLI and the HTTP API report it in one line and stop instead of looping.
 */
public final class AccessDenied {
    private AccessDenied() {}

    /** The authentication or authorization failure in {@code failure}'s cause chain, if any. */
    public static Optional<KafkaException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
                return Optional.of((KafkaException) t);
            }
        }
        return Optional.empty();
    }

    /**
     * One line for the operator: who was refused doing what, what Kafka said, and where the needed ACLs are listed.
     *
     * @param doing what the client was doing, e.g. "looking up topic alluse.commands"
     */
    public static String describe(KafkaException denied, KafkaConnection connection, String doing) {
        String principal = "User:" + connection.userName();
        if (denied instanceof AuthenticationException) {
            return "Kafka at " + connection.bootstrapServers() + " refused the credentials of " + principal + " "
                    + doing + ": " + denied.getMessage()
                    + " (check security.protocol, sasl.mechanism and sasl.jaas.config)";
        }
        return "Kafka at " + connection.bootstrapServers() + " refused " + principal + " " + doing + ": "
                + denied.getMessage() + " (grant it the ACLs that `alluse acls` lists for its role)";
    }
}
