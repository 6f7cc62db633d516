package com.alluse.streams.cli;

import java.io.PrintWriter;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/** Exit codes of the data commands (produce, consume, calendar, dr-drill); docs/cli.md lists them. */
final class ExitCodes {
    static final int OK = 0;
    /** produce: some lines were invalid and skipped; every valid line was sent. */
    static final int INVALID_INPUT = 1;
    /** Bad options or arguments (picocli's own code for usage errors). */
    static final int USAGE = 2;
    /** Kafka or the schema registry failed: unreachable, topic missing, a send not confirmed. */
    static final int KAFKA_FAILURE = 3;
    /** dr-drill: the replay's outputs differ from the live pipeline's. */
    static final int DIFFERENT = 4;
    /** dr-drill: the live inputs grew during the drill, so its comparison proves nothing either way. */
    static final int INCONCLUSIVE = 5;
    /** Kafka refused the credentials or the ACLs of the principal: retrying will not help. */
    static final int NOT_AUTHORIZED = 6;

    private ExitCodes() {}

    /** The body of a data command; it reports its own success and returns its exit code. */
    @FunctionalInterface
    interface DataCommand {
        int run();
    }

    /**
     * Runs a data command, turning each kind of failure into one line on {@code err} and its exit
     * code, the same way for every command.
     *
     * @param kafkaAction what the command does with Kafka, for the message of a Kafka failure ("reading alluse.ledger")
     */
    static int run(PrintWriter err, String kafkaAction, DataCommand command) {
        try {
            return command.run();
        } catch (CliFailure e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (ConfigException e) {
            err.println("error: invalid setting: " + e.getMessage());
            return USAGE;
        } catch (AuthenticationException | AuthorizationException e) {
            err.println("error: " + kafkaAction + " failed: Kafka refused access: " + e.getMessage()
                    + " (see `alluse acls` for the ACLs each role needs)");
            return NOT_AUTHORIZED;
        } catch (KafkaException e) {
            err.println("error: " + kafkaAction + " failed: " + e.getMessage());
            return KAFKA_FAILURE;
        }
    }
}
