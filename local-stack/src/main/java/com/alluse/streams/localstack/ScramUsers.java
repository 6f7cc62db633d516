package com.alluse.streams.localstack;

import com.alluse.streams.client.Clients;
import com.alluse.streams.client.Deadline;
import com.alluse.streams.client.KafkaConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ResourceNotFoundException;

/** Creates the SCRAM users of a {@link BrokerSecurity} (or resets their passwords) through the super user. */
final class ScramUsers {
    private static final int ITERATIONS = 4096;
    private static final long POLL_MS = 50;
    private static final long MAX_REQUEST_MS = 5_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private ScramUsers() {}

    /** Returns once the broker describes every user, i.e. its credentials are in the broker's metadata. */
    static void upsert(KafkaConnection superUser, BrokerSecurity security, Deadline deadline) {
        if (security.users().isEmpty()) {
            return;
        }
        List<UserScramCredentialAlteration> upserts = security.users().entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(
                        user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                        user.getValue()))
                .toList();
        long requestMs = Math.max(1, Math.min(MAX_REQUEST_MS, deadline.remainingMs()));
        Admin admin = Clients.admin(superUser, (int) requestMs);
        try {
            admin.alterUserScramCredentials(upserts).all().get(requestMs, TimeUnit.MILLISECONDS);
            awaitDescribed(admin, security, deadline);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "creating the SCRAM users " + security.users().keySet() + " failed: " + e, e);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    /** A user the broker has not applied yet is answered ResourceNotFound: ask again until none is. */
    private static void awaitDescribed(Admin admin, BrokerSecurity security, Deadline deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> users = List.copyOf(security.users().keySet());
        while (true) {
            try {
                Map<String, UserScramCredentialsDescription> described =
                        admin.describeUserScramCredentials(users).all().get(MAX_REQUEST_MS, TimeUnit.MILLISECONDS);
                if (described.keySet().containsAll(users)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ResourceNotFoundException)) {
                    throw e;
                }
            }
            if (deadline.isExpired()) {
                throw new IllegalStateException("the broker did not list the SCRAM users " + users + " in time");
            }
            deadline.pause(POLL_MS);
        }
    }
}
