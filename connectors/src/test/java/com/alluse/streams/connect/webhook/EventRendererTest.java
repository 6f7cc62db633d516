package com.alluse.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class EventRendererTest {
    private final EventRenderer renderer =
            new EventRenderer(WebhookSinkConfig.fromProps(WebhookSinkConfigTest.props("http://127.0.0.1:1/h")));

    @Test
    void shouldRenderTheEventWithItsUnionMemberAndExactCentsWhenItsTypeIsSelected() throws Exception {
        WebhookEvent event = renderer.render(TestEvents.fork("c7/0", 42)).orElseThrow();

        JsonNode body = new ObjectMapper().readTree(event.body());
        assertThat(event.id()).isEqualTo("c7/0");
        assertThat(event.type()).isEqualTo("ForkCompleted");
        assertThat(body.get("eventId").asText()).isEqualTo("c7/0");
        assertThat(body.get("eventType").asText()).isEqualTo("ForkCompleted");
        assertThat(body.get("offset").asLong()).isEqualTo(42);
        JsonNode payload = body.get("event").get("payload");
        assertThat(payload.properties()).hasSize(1);
        assertThat(payload.get("ForkCompleted").get("surplusCents").isIntegralNumber())
                .isTrue();
        assertThat(payload.get("ForkCompleted").get("surplusCents").asLong()).isEqualTo(5_000_012L);
    }

    @Test
    void shouldRenderNothingWhenTheTypeIsNotSelected() {
        assertThat(renderer.render(TestEvents.opened("open-1/0", 1))).isEmpty();
    }

    @Test
    void shouldTakeTheTypeFromAStringFieldWhenTheTypeFieldIsAString() {
        Map<String, String> props = WebhookSinkConfigTest.props("http://127.0.0.1:1/h");
        props.put(WebhookSinkConfig.TYPE_FIELD, "kind");
        EventRenderer byKind = new EventRenderer(WebhookSinkConfig.fromProps(props));
        Schema schema = SchemaBuilder.struct()
                .field("eventId", Schema.STRING_SCHEMA)
                .field("kind", Schema.STRING_SCHEMA)
                .build();
        SinkRecord record = new SinkRecord(
                "t",
                0,
                null,
                null,
                schema,
                new Struct(schema).put("eventId", "e1").put("kind", "MergeCompleted"),
                0);

        assertThat(byKind.render(record).orElseThrow().type()).isEqualTo("MergeCompleted");
    }

    @Test
    void shouldRefuseARecordWhenItsValueIsNoStruct() {
        assertThatThrownBy(() -> renderer.render(TestEvents.notAnEvent(3)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not a struct");
    }

    @Test
    void shouldRefuseAnEventWhenItHasNoIdField() {
        Schema schema =
                SchemaBuilder.struct().field("payload", Schema.STRING_SCHEMA).build();
        SinkRecord record =
                new SinkRecord("t", 0, null, null, schema, new Struct(schema).put("payload", "ForkCompleted"), 0);

        assertThatThrownBy(() -> renderer.render(record))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("eventId");
    }
}
