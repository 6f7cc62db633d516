package com.alluse.streams.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class AccessDeniedTest {
    private static final KafkaConnection APP = new KafkaConnection(
            "b:1",
            Map.of(
                    "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"app\" password=\"pw-1\";"));

    @Test
    void shouldFindARefusalDeepInTheCauseChainAndNothingElse() {
        TopicAuthorizationException denied = new TopicAuthorizationException(Set.of("alluse.commands"));
        Exception wrapped = new IllegalStateException("provisioning failed", new ExecutionException(denied));

        assertThat(AccessDenied.in(wrapped)).containsSame(denied);
        assertThat(AccessDenied.in(new IllegalStateException(new TimeoutException("slow"))))
                .isEmpty();
    }

    @Test
    void shouldSayWhoWasRefusedAndWhereTheAclsAreWithoutThePassword() {
        String line = AccessDenied.describe(
                new TopicAuthorizationException("Topic authorization failed."),
                APP,
                "looking up topic alluse.commands");

        assertThat(line)
                .contains(
                        "refused User:app looking up topic alluse.commands",
                        "Topic authorization failed",
                        "alluse acls")
                .doesNotContain("pw-1");
        assertThat(line.lines()).hasSize(1);
    }

    @Test
    void shouldPointAtTheCredentialsWhenAuthenticationFailed() {
        String line = AccessDenied.describe(new SaslAuthenticationException("invalid credentials"), APP, "connecting");

        assertThat(line)
                .contains("refused the credentials of User:app", "sasl.jaas.config")
                .doesNotContain("pw-1");
    }
}
