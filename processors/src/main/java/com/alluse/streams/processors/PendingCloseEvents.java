package com.alluse.streams.processors;

import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.internal.PendingCalendarClose;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The event of a pending calendar close, decoded again only when its bytes differ from the last ones decoded:
 * before every command while a close is in progress, comparing the bytes costs less than decoding them. The close
 * is stored as bytes, not as the decoded event, so the store does not depend on the event's schema; a registry
 * outage while decoding propagates and is retried.
 */
final class PendingCloseEvents {
    private final Deserializer<?> valueDeserializer;
    private ByteBuffer decodedBytes;
    private CalendarEvent decodedEvent;

    PendingCloseEvents(Deserializer<?> valueDeserializer) {
        this.valueDeserializer = valueDeserializer;
    }

    CalendarEvent event(PendingCalendarClose close) {
        ByteBuffer bytes = close.getValue();
        if (!bytes.equals(decodedBytes)) {
            decodedEvent = (CalendarEvent) valueDeserializer.deserialize(close.getSourceTopic(), bytes(close));
            decodedBytes = bytes.duplicate();
        }
        return decodedEvent;
    }

    static byte[] bytes(PendingCalendarClose close) {
        ByteBuffer value = close.getValue().duplicate();
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        return bytes;
    }
}
