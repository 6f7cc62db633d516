package com.alluse.streams.connect.webhook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Delivers the selected events of its records to the webhook, at least once: offsets are
 * committed only after every record before them was delivered or reported to the dead-letter
 * queue. Deliveries run in parallel (bounded), so events may arrive out of order; receivers
 * deduplicate by {@code Idempotency-Key} and order by the event's time.
 *
 * <p>A record that is no event, refused by the receiver (4xx other than 408/429) or still failing
 * after the retries goes to Connect's errant record reporter ({@code errors.tolerance=all} with
 * {@code errors.deadletterqueue.topic.name}); without one, the task fails.
 */
public final class WebhookSinkTask extends SinkTask {
    private WebhookSinkConfig config;
    private EventRenderer renderer;
    private DeliveryQueue deliveries;
    private final List<Future<Void>> reports = new ArrayList<>();
    private ConnectException fatal;

    @Override
    public String version() {
        return WebhookSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = WebhookSinkConfig.fromProps(props);
        renderer = new EventRenderer(config);
        deliveries = new DeliveryQueue(new WebhookClient(config), config.maxInFlight(), "webhook-delivery");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (fatal != null) {
            throw fatal;
        }
        List<DeliveryQueue.Failure> invalid = new ArrayList<>();
        try {
            for (SinkRecord record : records) {
                Optional<WebhookEvent> event = render(record, invalid);
                if (event.isPresent()) {
                    deliveries.submit(record, event.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while waiting for a delivery slot", e);
        }
        report(invalid);
        report(deliveries.drainFailures());
    }

    private Optional<WebhookEvent> render(SinkRecord record, List<DeliveryQueue.Failure> invalid) {
        try {
            return renderer.render(record);
        } catch (DataException e) {
            invalid.add(new DeliveryQueue.Failure(record, e));
            return Optional.empty();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            deliveries.awaitIdle();
            report(deliveries.drainFailures());
            for (Future<Void> report : reports) {
                report.get();
            }
            reports.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException e) {
            fatal = new ConnectException("could not write a failed event to the dead-letter queue", e.getCause());
        } catch (ConnectException e) {
            fatal = e;
        }
        // Commit nothing the task has not finished with; put() then fails the task on a fatal error.
        return fatal != null || deliveries.abandoned() ? Map.of() : currentOffsets;
    }

    private void report(List<DeliveryQueue.Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        ErrantRecordReporter reporter = errantRecordReporter();
        for (DeliveryQueue.Failure failure : failures) {
            if (reporter == null) {
                throw new ConnectException(
                        "permanent webhook failure and no dead-letter queue configured: "
                                + failure.error().getMessage(),
                        failure.error());
            }
            reports.add(reporter.report(failure.record(), failure.error()));
        }
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    @Override
    public void stop() {
        if (deliveries != null) {
            deliveries.close();
        }
    }
}
