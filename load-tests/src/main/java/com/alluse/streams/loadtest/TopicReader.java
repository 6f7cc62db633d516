package com.alluse.streams.loadtest;

import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.client.Clients;
import com.alluse.streams.serde.AvroSerdes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a topic's committed records from the beginning to its current end, bounded in time. */
final class TopicReader {
    private final String bootstrapServers;
    private final Map<String, Object> serdeConfig;
    private final Duration timeout;

    TopicReader(String bootstrapServers, Map<String, Object> serdeConfig, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.serdeConfig = serdeConfig;
        this.timeout = timeout;
    }

    long count(String topic) {
        long[] count = {0};
        readToEnd(topic, record -> count[0]++);
        return count[0];
    }

    /** Portfolio events by payload type (PortfolioOpened, ForkCompleted, MergeCompleted, ...). */
    Map<String, Long> portfolioEventKinds(String topic) {
        Deserializer<SpecificRecord> deserializer =
                AvroSerdes.<SpecificRecord>specific(serdeConfig, false).deserializer();
        Map<String, Long> kinds = new TreeMap<>();
        readToEnd(topic, record -> {
            PortfolioEvent event = (PortfolioEvent) deserializer.deserialize(topic, record.value());
            kinds.merge(event.getPayload().getClass().getSimpleName(), 1L, Long::sum);
        });
        deserializer.close();
        return kinds;
    }

    private void readToEnd(String topic, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.rawConsumer(bootstrapServers)) {
            Clients.assignAllFromBeginning(consumer, topic);
            // For read_committed the end is the last stable offset: everything committed so far.
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(action);
            }
        }
    }
}
