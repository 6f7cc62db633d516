package com.alluse.streams.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** On a real broker: a phase waits for the group to catch up, within a bound. */
@Timeout(120)
class PipelineIdleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static LagFixture kafka;

    @BeforeAll
    static void startBroker() {
        kafka = new LagFixture(dir);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldWaitUntilTheGroupHasCommittedEveryRecordOfItsPartitions() throws Exception {
        kafka.topicWithRecords("behind", 1, 10);
        TopicPartition partition = new TopicPartition("behind", 0);
        kafka.commit("behind-group", partition, 4);
        CompletableFuture.runAsync(
                () -> kafka.commit("behind-group", partition, 10),
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));

        try (PipelineIdle idle = new PipelineIdle(kafka.bootstrapServers(), TIMEOUT)) {
            idle.await("behind-group");
        }

        assertThat(kafka.committed("behind-group", partition))
                .as("await returned once the group caught up, not while it was 6 behind")
                .isEqualTo(10);
    }

    @Test
    void shouldGiveUpAtItsTimeoutWhenTheGroupStaysBehind() throws Exception {
        kafka.topicWithRecords("stuck", 1, 3);
        kafka.commit("stuck-group", new TopicPartition("stuck", 0), 1);
        Duration timeout = Duration.ofSeconds(1);
        long startNanos = System.nanoTime();

        try (PipelineIdle idle = new PipelineIdle(kafka.bootstrapServers(), timeout)) {
            idle.await("stuck-group");
        }

        assertThat(Duration.ofNanos(System.nanoTime() - startNanos))
                .as("waited for its timeout, no shorter")
                .isGreaterThanOrEqualTo(timeout);
    }
}
