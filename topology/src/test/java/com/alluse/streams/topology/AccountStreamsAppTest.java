package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import com.alluse.streams.processors.EarlyCommit;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import com.alluse.streams.serde.IncompatibleSchemaException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountStreamsAppTest {
    private static final String SCOPE = "account-streams-app-test";

    @TempDir
    Path stateDir;

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void shouldNotStartWhenTheRegistryRefusesASchemaOfThisRelease() {
        InMemorySchemaRegistry.forScope(SCOPE)
                .register(
                        "alluse.ledger-value",
                        SchemaBuilder.record("LedgerEntry")
                                .namespace("com.alluse.streams.avro")
                                .fields()
                                .requiredInt("legacy")
                                .endRecord());
        PipelineConfig pipeline = pipeline();
        // No broker at this address: the refusal must come before the cluster is touched.
        AccountStreamsApp app = new AccountStreamsApp(
                pipeline, StreamsSettings.local("127.0.0.1:1", stateDir).toProperties(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> app.start(Duration.ofSeconds(5)))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("subject 'alluse.ledger-value'");
        assertThat(app.streams()).isNull();
    }

    @Test
    void shouldRefuseAnEarlyCommitGapThatIsNotANumberBeforeStarting() {
        PipelineConfig pipeline = pipeline();
        Properties settings = StreamsSettings.local("127.0.0.1:1", stateDir).toProperties();
        settings.put(EarlyCommit.GAP_MS_CONFIG, "soon");

        assertThatThrownBy(() -> new AccountStreamsApp(pipeline, settings, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(EarlyCommit.GAP_MS_CONFIG);
    }

    @Test
    void shouldRefuseTheDownstreamRoleUnderTheLedgersApplicationId() {
        Properties settings = StreamsSettings.local("127.0.0.1:1", stateDir).toProperties();

        assertThatThrownBy(() -> new AccountStreamsApp(
                        pipeline(),
                        PipelineRole.DOWNSTREAM,
                        settings,
                        Duration.ofSeconds(5),
                        new SimpleMeterRegistry(),
                        AccountStreamsApp.DEFAULT_MAX_THREAD_REPLACEMENTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role DOWNSTREAM cannot run under application.id alluse-account-streams");
    }

    @Test
    void shouldRefuseTheLedgerRoleUnderTheDownstreamApplicationId() {
        Properties settings = StreamsSettings.local("127.0.0.1:1", stateDir).toProperties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, PipelineRole.DOWNSTREAM.applicationId("alluse"));

        assertThatThrownBy(() -> new AccountStreamsApp(
                        pipeline(),
                        PipelineRole.LEDGER,
                        settings,
                        Duration.ofSeconds(5),
                        new SimpleMeterRegistry(),
                        AccountStreamsApp.DEFAULT_MAX_THREAD_REPLACEMENTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role LEDGER cannot run under application.id alluse-downstream");
    }

    private static PipelineConfig pipeline() {
        return new PipelineConfig(
                TopicNames.DEFAULT,
                3,
                (short) 1,
                Duration.ofDays(7),
                RulesConfig.DEFAULTS,
                Map.of("schema.registry.url", "mock://" + SCOPE));
    }
}
