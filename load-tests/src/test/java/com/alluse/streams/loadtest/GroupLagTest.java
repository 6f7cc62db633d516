package com.alluse.streams.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** On a real broker: what counts as a group's lag. */
@Timeout(120)
class GroupLagTest {
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
    void shouldCountEveryPartitionOfATopicAndOneNeverCommittedFromItsStart() throws Exception {
        kafka.topicWithRecords("two-partitions", 2, 5);
        kafka.commit("reader", new TopicPartition("two-partitions", 0), 3);

        try (GroupLag lag = new GroupLag(kafka.bootstrapServers())) {
            assertThat(lag.onTopic("reader", "two-partitions")).isEqualTo(2 + 5);
            assertThat(lag.onCommittedPartitions("reader"))
                    .as("only the partition the group committed")
                    .isEqualTo(2);
        }
    }

    @Test
    void shouldNotCountRecordsOfATransactionStillOpen() throws Exception {
        kafka.topicWithRecords("open-transaction", 1, 0);
        kafka.commit("transaction-reader", new TopicPartition("open-transaction", 0), 0);
        try (KafkaProducer<String, String> producer = kafka.transactionalProducer("open-transaction-writer");
                GroupLag lag = new GroupLag(kafka.bootstrapServers())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("open-transaction", "k", "v")).get();

            assertThat(lag.onCommittedPartitions("transaction-reader")).isZero();

            producer.commitTransaction();
            // The coordinator writes the commit marker after commitTransaction returns.
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(lag.onCommittedPartitions("transaction-reader"))
                            .as("the committed record and its commit marker")
                            .isEqualTo(2));
        }
    }
}
