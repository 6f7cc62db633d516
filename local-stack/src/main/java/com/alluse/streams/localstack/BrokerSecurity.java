package com.alluse.streams.localstack;

import com.alluse.streams.client.KafkaConnection;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SASL/SCRAM-SHA-512 authentication and ACLs ({@code StandardAuthorizer}) for an embedded broker. The broker
 * authenticates as {@code superUser} itself (inter-broker traffic over SCRAM, controller traffic over PLAIN on
 * the loopback controller listener) and is the only super user; every other principal gets only the ACLs it is
 * granted. The SCRAM users are created, or their passwords updated, on every start.
 *
 * <p>Names and passwords are limited to {@code [A-Za-z0-9._-]}: they are written into JAAS lines and the
 * storage tool's {@code --add-scram} argument unquoted. Security must be enabled on a fresh data directory: the
 * super user's SCRAM credential is stored when the storage is formatted.
 *
 * @param superUser the broker's own user, {@code User:<superUser>} in ACL terms
 * @param superUserPassword its password
 * @param users user name -> password of the other SCRAM users
 */
public record BrokerSecurity(String superUser, String superUserPassword, Map<String, String> users) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public BrokerSecurity {
        requirePlain("superUser", superUser);
        requirePlain("superUserPassword", superUserPassword);
        users = Map.copyOf(Objects.requireNonNull(users, "users"));
        users.forEach((name, password) -> {
            requirePlain("user name", name);
            requirePlain("password of " + name, password);
        });
        if (users.containsKey(superUser)) {
            throw new IllegalArgumentException("the super user " + superUser + " is not one of the other users");
        }
    }

    /** Client settings of one user: SASL_PLAINTEXT with SCRAM-SHA-512 (loopback only, so no TLS). */
    public KafkaConnection connection(String bootstrapServers, String user) {
        String password = user.equals(superUser) ? superUserPassword : users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no SCRAM user " + user + " on this broker");
        }
        return new KafkaConnection(bootstrapServers, clientSecurity(user, password));
    }

    /** A broker with {@code security} (null: PLAINTEXT) as its super user. */
    static KafkaConnection superUserOf(BrokerSecurity security, String bootstrapServers) {
        return security == null
                ? KafkaConnection.plaintext(bootstrapServers)
                : security.connection(bootstrapServers, security.superUser());
    }

    /** A broker with {@code security} as one of its users; a broker without security has none. */
    static KafkaConnection userOf(BrokerSecurity security, String bootstrapServers, String user) {
        if (security == null) {
            throw new IllegalStateException("the broker runs without security: it has no users");
        }
        return security.connection(bootstrapServers, user);
    }

    /** Client settings of any user and password, e.g. one the broker does not know. */
    public static Map<String, String> clientSecurity(String user, String password) {
        return Map.of(
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                MECHANISM,
                KafkaConnection.JAAS_CONFIG,
                scramJaasConfig(user, password));
    }

    static String scramJaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** Hides the passwords. */
    @Override
    public String toString() {
        return "BrokerSecurity[superUser=" + superUser + ", users=" + users.keySet() + "]";
    }

    private static void requirePlain(String what, String value) {
        if (value == null || !PLAIN_TOKEN.matcher(value).matches()) {
            // The value is not repeated: it may be a password.
            throw new IllegalArgumentException(what + " must be 1-128 characters of [A-Za-z0-9._-]");
        }
    }
}
