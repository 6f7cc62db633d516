package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Topic provisioning on a real broker, including instances that start at the same moment. */
@Timeout(120)
class TopicProvisionerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private BrokerFixture kafka;

    @BeforeEach
    void startBroker() {
        kafka = new BrokerFixture(dir);
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldAcceptTopicsThatAnotherInstanceCreatedBetweenListingAndCreating() {
        PipelineConfig pipeline = kafka.pipeline(3);
        try (RacedAdmin admin = new RacedAdmin(kafka.bootstrapServers())) {
            new TopicProvisioner(admin, pipeline, TIMEOUT).ensureTopics();

            assertThat(admin.racedCreations)
                    .as("the other instance won every creation")
                    .isEqualTo(1);
            assertThat(admin.listTopics()
                            .names()
                            .toCompletionStage()
                            .toCompletableFuture()
                            .join())
                    .containsAll(pipeline.topics().all());
        }
    }

    /** An admin that lets "another instance" create the very topics it is asked to create, just before it does. */
    private static final class RacedAdmin extends ForwardingAdmin {
        int racedCreations;

        RacedAdmin(String bootstrapServers) {
            super(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }

        @Override
        public CreateTopicsResult createTopics(Collection<NewTopic> newTopics, CreateTopicsOptions options) {
            super.createTopics(newTopics, options)
                    .all()
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join();
            racedCreations++;
            return super.createTopics(newTopics, options);
        }
    }
}
