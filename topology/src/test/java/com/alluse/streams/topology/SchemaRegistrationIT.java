package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.serde.SpecificAvroSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer as other teams run it in production (auto-registration off, Confluent's settings)
 * writes commands right after the application started, before any client of ours produced: the
 * application registered the input schemas over HTTP at start.
 */
@Timeout(180)
class SchemaRegistrationIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private BrokerFixture kafka;

    @AfterEach
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldLetProducersWithoutAutoRegistrationWriteCommandsRightAfterTheAppStarted() throws Exception {
        kafka = new BrokerFixture(dir);
        Map<String, Object> latestVersion = producerSerdeConfig(true);
        Map<String, Object> lookupBySchema = producerSerdeConfig(false);
        AccountCommand first =
                command("c-latest", "P-LATEST", System.currentTimeMillis(), openPortfolio(10_000_00, null));
        AccountCommand second =
                command("c-lookup", "P-LOOKUP", System.currentTimeMillis(), openPortfolio(20_000_00, null));
        assertThatThrownBy(() -> serialize(latestVersion, first))
                .as("before the app ran, nothing registered the input schema")
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Subject 'alluse.commands-value' not found");

        try (AccountStreamsApp app = new AccountStreamsApp(
                kafka.pipeline(3),
                StreamsSettings.local(kafka.bootstrapServers(), dir.resolve("state"))
                        .toProperties(),
                Duration.ofSeconds(30))) {
            app.start(WAIT);
            List<String> subjectsAtStart = kafka.registry.registry().subjects();
            produce(latestVersion, first);
            produce(lookupBySchema, second);

            List<CommandResult> results =
                    kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= 2, WAIT);

            assertThat(subjectsAtStart)
                    .contains(
                            "alluse.commands-value",
                            "alluse.calendar-value",
                            "alluse.command-results-value",
                            "alluse.ledger-value",
                            "alluse.account-state-value",
                            "alluse.portfolio-events-value",
                            "alluse.dlq-value",
                            "alluse.strategy-events-value",
                            "alluse.broker-snapshots-value",
                            "alluse.reconciliation-value",
                            "alluse.market-instructions-value");
            assertThat(results)
                    .extracting(CommandResult::getCommandId, CommandResult::getOutcome)
                    .containsExactlyInAnyOrder(
                            tuple("c-latest", CommandOutcome.ACCEPTED), tuple("c-lookup", CommandOutcome.ACCEPTED));
        }
    }

    /** Confluent's serializer settings of a production producer; ours reads the same names. */
    private Map<String, Object> producerSerdeConfig(boolean useLatestVersion) {
        Map<String, Object> config = new HashMap<>(kafka.serdeConfig);
        config.put("auto.register.schemas", false);
        config.put("use.latest.version", useLatestVersion);
        return config;
    }

    private static byte[] serialize(Map<String, Object> serdeConfig, AccountCommand command) {
        try (SpecificAvroSerializer<AccountCommand> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(serdeConfig, false);
            return serializer.serialize("alluse.commands", command);
        }
    }

    private void produce(Map<String, Object> serdeConfig, AccountCommand command) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        SpecificAvroSerializer<AccountCommand> values = new SpecificAvroSerializer<>();
        values.configure(serdeConfig, false);
        try (KafkaProducer<String, AccountCommand> producer =
                new KafkaProducer<>(props, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(kafka.topics.commands(), command.getPortfolioId(), command))
                    .get();
        }
    }
}
