package com.alluse.streams.serde.internals;

import org.apache.kafka.common.errors.SerializationException;

/** Confluent's TopicNameStrategy: the subject of a topic's keys or values. */
public final class SubjectNames {
    private SubjectNames() {}

    public static String topicNameStrategy(String topic, boolean isKey) {
        if (topic == null || topic.isEmpty()) {
            throw new SerializationException(
                    "A topic name is required to derive the schema subject (TopicNameStrategy)");
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
