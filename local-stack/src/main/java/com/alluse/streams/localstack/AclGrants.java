package com.alluse.streams.localstack;

import com.alluse.streams.client.Clients;
import com.alluse.streams.client.Deadline;
import com.alluse.streams.client.KafkaConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.InterruptException;

/** Creates ACLs through the super user and waits until the broker's authorizer enforces them. */
final class AclGrants {
    private static final long POLL_MS = 50;
    private static final long MAX_REQUEST_MS = 5_000;

    private AclGrants() {}

    /**
     * The controller commits ACLs before the broker applies them: the broker describes them (from its own
     * authorizer) once it enforces them, so this returns only then.
     */
    static void grant(KafkaConnection superUser, Collection<AclBinding> acls, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        try (Admin admin = Clients.admin(superUser, (int) MAX_REQUEST_MS)) {
            admin.createAcls(acls).all().get(MAX_REQUEST_MS, TimeUnit.MILLISECONDS);
            Set<AclBinding> wanted = new HashSet<>(acls);
            while (!new HashSet<>(admin.describeAcls(AclBindingFilter.ANY)
                            .values()
                            .get(MAX_REQUEST_MS, TimeUnit.MILLISECONDS))
                    .containsAll(wanted)) {
                if (deadline.isExpired()) {
                    throw new IllegalStateException(
                            "the broker did not enforce " + acls.size() + " ACLs within " + timeout.toMillis() + " ms");
                }
                deadline.pause(POLL_MS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("creating " + acls.size() + " ACLs failed: " + e, e);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }
}
