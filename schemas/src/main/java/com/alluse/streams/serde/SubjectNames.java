package com.alluse.streams.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's TopicNameStrategy: the subject of a topic's keys ({@code <topic>-key}) or values
 * ({@code <topic>-value}). Public so that whoever registers or lists schemas names the subjects
 * exactly as the serializers do.
 */
public final class SubjectNames {
    private SubjectNames() {}

    public static String topicNameStrategy(String topic, boolean isKey) {
        if (topic == null || topic.isEmpty()) {
            throw new SerializationException(
                    "A topic name is required to derive the schema subject (TopicNameStrategy)");
        }
        return topic + (isKey ? "-key" : "-value");
    }

    /** The subject of the values of {@code topic}. */
    public static String valueSubject(String topic) {
        return topicNameStrategy(topic, false);
    }
}
