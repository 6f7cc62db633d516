package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.client.AccountCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command on a quiet instance is committed right after it is processed, not at the next commit interval: with the
 * interval at ten minutes, its result is readable long before the first interval commit could make it so.
 */
@Timeout(240)
class EarlyCommitIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long COMMIT_INTERVAL_MS = Duration.ofMinutes(10).toMillis();
    /**
     * Far below the interval, and far above what one command takes on a loaded machine. With early commits off
     * ({@code alluse.early.commit.gap.ms=0}) no result was readable within it.
     */
    private static final Duration RESULT_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private AccountStreamsApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldMakeAResultReadableBeforeTheCommitIntervalWhenTheTaskKeepsUp() throws InterruptedException {
        kafka = new BrokerFixture(dir);
        Properties settings = StreamsSettings.local(kafka.bootstrapServers(), dir.resolve("state"))
                .toProperties();
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // Kafka Streams refuses an interval longer than the transaction timeout (the broker allows up to 15 minutes).
        settings.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int) COMMIT_INTERVAL_MS);
        app = new AccountStreamsApp(kafka.pipeline(3), settings, Duration.ofSeconds(30));
        app.start(WAIT);
        app.awaitRunning(WAIT);
        AccountCommand open = AccountCommands.command(
                "early-1", "EC1", System.currentTimeMillis(), AccountCommands.openPortfolio(1_000_000L, null));

        kafka.produce(List.of(open));
        List<CommandResult> results =
                kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> !r.isEmpty(), RESULT_WAIT);

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.getCommandId()).isEqualTo("early-1");
            assertThat(result.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        });
    }
}
