package com.alluse.streams.client;

import com.alluse.streams.avro.CalendarEvent;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Writes a calendar event once to every partition of the calendar topic, so every stream task
 * applies it to the portfolios it holds.
 */
public final class CalendarPublisher {
    private CalendarPublisher() {}

    /**
     * Returns the number of partitions written to.
     *
     * @throws KafkaException when a write is not confirmed (some partitions may have the event: publishing again is harmless)
     */
    public static int publish(Producer<String, SpecificRecord> producer, String calendarTopic, CalendarEvent event) {
        int partitions = producer.partitionsFor(calendarTopic).size();
        try {
            for (int partition = 0; partition < partitions; partition++) {
                producer.send(new ProducerRecord<>(
                                calendarTopic, partition, event.getEventTimeMs(), event.getEventId(), event))
                        .get();
            }
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "Could not publish " + event.getEventId() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            throw new InterruptException("Interrupted publishing " + event.getEventId(), e);
        }
        return partitions;
    }
}
