package com.alluse.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.connect.webhook.WebhookReceiver.Answer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class WebhookSinkTaskTest {
    private static final Map<TopicPartition, OffsetAndMetadata> OFFSETS =
            Map.of(new TopicPartition(TestEvents.TOPIC, 0), new OffsetAndMetadata(10));

    private static WebhookSinkTask start(WebhookReceiver receiver, RecordingTaskContext context) {
        Map<String, String> props = WebhookSinkConfigTest.props(receiver.url().toString());
        props.put(WebhookSinkConfig.MAX_RETRIES, "2");
        props.put(WebhookSinkConfig.RETRY_BACKOFF_MS, "1");
        props.put(WebhookSinkConfig.MAX_IN_FLIGHT, "2");
        WebhookSinkTask task = new WebhookSinkTask();
        task.initialize(context);
        task.start(props);
        return task;
    }

    @Test
    void shouldDeliverOnlySelectedEventsBeforeCommittingTheirOffsets() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> new Answer(200, 50))) {
            WebhookSinkTask task = start(receiver, new RecordingTaskContext(true));

            task.put(List.of(
                    TestEvents.fork("c1/0", 0),
                    TestEvents.opened("c2/0", 1),
                    TestEvents.fork("c3/0", 2),
                    TestEvents.fork("c4/0", 3)));
            Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(OFFSETS);
            task.stop();

            assertThat(receiver.accepted()).containsOnlyKeys("c1/0", "c3/0", "c4/0");
            assertThat(committed).isEqualTo(OFFSETS);
        }
    }

    @Test
    void shouldReportPermanentFailuresAndInvalidRecordsToTheDeadLetterQueueWhenOneIsConfigured() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> new Answer(400, 0))) {
            RecordingTaskContext context = new RecordingTaskContext(true);
            WebhookSinkTask task = start(receiver, context);

            task.put(List.of(TestEvents.fork("c1/0", 0), TestEvents.notAnEvent(1)));
            Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(OFFSETS);
            task.stop();

            assertThat(context.reported).extracting(r -> r.kafkaOffset()).containsExactlyInAnyOrder(0L, 1L);
            assertThat(committed).isEqualTo(OFFSETS);
        }
    }

    @Test
    void shouldFailTheTaskAndCommitNothingWhenAPermanentFailureHasNoDeadLetterQueue() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> new Answer(503, 0))) {
            WebhookSinkTask task = start(receiver, new RecordingTaskContext(false));

            task.put(List.of(TestEvents.fork("c1/0", 0)));
            Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(OFFSETS);

            assertThat(committed).isEmpty();
            assertThatThrownBy(() -> task.put(List.of()))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("no dead-letter queue");
            task.stop();
            assertThat(receiver.requests()).hasSize(3);
        }
    }
}
