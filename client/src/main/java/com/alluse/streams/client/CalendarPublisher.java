package com.alluse.streams.client;

import com.alluse.streams.avro.CalendarEvent;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a calendar event once to every partition of the calendar topic, so every stream task
 * applies it to the portfolios it holds.
 */
public final class CalendarPublisher {
    private CalendarPublisher() {}

    /** Returns the number of partitions written to. */
    public static int publish(Producer<String, SpecificRecord> producer, String calendarTopic, CalendarEvent event) {
        int partitions = producer.partitionsFor(calendarTopic).size();
        try {
            for (int partition = 0; partition < partitions; partition++) {
                producer.send(new ProducerRecord<>(calendarTopic, partition, event.getEventTimeMs(), event.getEventId(), event)).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish " + event.getEventId() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted publishing " + event.getEventId(), e);
        }
        return partitions;
    }
}
