package com.alluse.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.connect.webhook.WebhookReceiver.Answer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryQueueTest {
    private static WebhookClient client(WebhookReceiver receiver) {
        java.util.Map<String, String> props =
                WebhookSinkConfigTest.props(receiver.url().toString());
        props.put(WebhookSinkConfig.MAX_RETRIES, "0");
        return new WebhookClient(WebhookSinkConfig.fromProps(props));
    }

    private static WebhookEvent event(String id) {
        return new WebhookEvent(id, "ForkCompleted", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void shouldNeverHaveMoreDeliveriesUnderWayThanItsBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> {
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    concurrent.decrementAndGet();
                    return Answer.ok();
                });
                DeliveryQueue queue = new DeliveryQueue(client(receiver), 2, "test-delivery")) {
            queue.submit(TestEvents.fork("a", 0), event("a"));
            queue.submit(TestEvents.fork("b", 1), event("b"));
            Thread submitter = new Thread(() -> {
                try {
                    queue.submit(TestEvents.fork("c", 2), event("c"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            submitter.start();
            submitter.join(300); // the third submit must still be waiting for a slot
            assertThat(submitter.isAlive()).isTrue();

            release.countDown();
            submitter.join();
            queue.awaitIdle();

            assertThat(maxConcurrent.get()).isEqualTo(2);
            assertThat(receiver.accepted()).containsOnlyKeys("a", "b", "c");
        }
    }

    @Test
    void shouldKeepPermanentFailuresForTheTaskWhenADeliveryFailsForGood() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> new Answer(404, 0));
                DeliveryQueue queue = new DeliveryQueue(client(receiver), 1, "test-delivery")) {
            queue.submit(TestEvents.fork("a", 7), event("a"));
            queue.awaitIdle();

            assertThat(queue.drainFailures())
                    .singleElement()
                    .satisfies(f -> assertThat(f.record().kafkaOffset()).isEqualTo(7));
            assertThat(queue.drainFailures()).isEmpty();
            assertThat(queue.abandoned()).isFalse();
        }
    }

    @Test
    void shouldMarkItselfAbandonedWhenClosedDuringADelivery() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        try (WebhookReceiver receiver = WebhookReceiver.start((n, request) -> {
            arrived.countDown();
            return new Answer(200, 10_000);
        })) {
            DeliveryQueue queue = new DeliveryQueue(client(receiver), 1, "test-delivery");
            queue.submit(TestEvents.fork("a", 0), event("a"));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            queue.close();

            assertThat(queue.abandoned()).isTrue();
        }
    }
}
