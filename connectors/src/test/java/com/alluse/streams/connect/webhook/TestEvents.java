package com.alluse.streams.connect.webhook;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/** Sink records shaped as the Avro converter delivers portfolio events: the payload union is a struct. */
final class TestEvents {
    static final String TOPIC = "alluse.portfolio-events";
    static final Schema FORK = SchemaBuilder.struct()
            .name("ForkCompleted")
            .field("forkId", Schema.STRING_SCHEMA)
            .field("surplusCents", Schema.INT64_SCHEMA)
            .build();
    static final Schema OPENED = SchemaBuilder.struct()
            .name("PortfolioOpened")
            .field("capitalCents", Schema.INT64_SCHEMA)
            .build();
    static final Schema UNION = SchemaBuilder.struct()
            .name("io.confluent.connect.avro.Union")
            .field(
                    "PortfolioOpened",
                    SchemaBuilder.struct()
                            .name("PortfolioOpened")
                            .field("capitalCents", Schema.INT64_SCHEMA)
                            .optional()
                            .build())
            .field(
                    "ForkCompleted",
                    SchemaBuilder.struct()
                            .name("ForkCompleted")
                            .field("forkId", Schema.STRING_SCHEMA)
                            .field("surplusCents", Schema.INT64_SCHEMA)
                            .optional()
                            .build())
            .build();
    static final Schema EVENT = SchemaBuilder.struct()
            .name("com.alluse.streams.avro.PortfolioEvent")
            .field("eventId", Schema.STRING_SCHEMA)
            .field("portfolioId", Schema.STRING_SCHEMA)
            .field("payload", UNION)
            .build();

    private TestEvents() {}

    static SinkRecord fork(String eventId, long offset) {
        Struct fork = new Struct(UNION.field("ForkCompleted").schema())
                .put("forkId", "F1")
                .put("surplusCents", 5_000_012L);
        return record(eventId, new Struct(UNION).put("ForkCompleted", fork), offset);
    }

    static SinkRecord opened(String eventId, long offset) {
        Struct opened = new Struct(UNION.field("PortfolioOpened").schema()).put("capitalCents", 25_000_000L);
        return record(eventId, new Struct(UNION).put("PortfolioOpened", opened), offset);
    }

    static SinkRecord notAnEvent(long offset) {
        return new SinkRecord(TOPIC, 0, Schema.STRING_SCHEMA, "P1", Schema.STRING_SCHEMA, "garbage", offset);
    }

    private static SinkRecord record(String eventId, Struct payload, long offset) {
        Struct value = new Struct(EVENT)
                .put("eventId", eventId)
                .put("portfolioId", "P1")
                .put("payload", payload);
        return new SinkRecord(TOPIC, 0, Schema.STRING_SCHEMA, "P1", EVENT, value, offset);
    }
}
