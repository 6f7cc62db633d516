package com.alluse.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.PortfolioEvent;
import com.alluse.streams.connect.ForkingPipeline;
import com.alluse.streams.connect.InProcessWorker;
import com.alluse.streams.connect.webhook.WebhookReceiver.Answer;
import com.alluse.streams.connect.worker.WorkerSettings;
import com.alluse.streams.serde.SpecificAvroDeserializer;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.CommandMix;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook sink in a real Connect worker, fed by the real pipeline on the embedded broker and
 * registry, delivering to a receiver that fails, times out and answers slowly on purpose.
 */
@Timeout(600)
class WebhookConnectIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final String CONNECTOR = "alluse-webhook";
    private static final String DLQ = "alluse.connect-webhook-dlq";
    private static final Set<String> SELECTED =
            Set.of("ForkCompleted", "MergeCompleted", "DrawdownBreach", "BufferBreach");
    private static final int REQUEST_TIMEOUT_MS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private AccountStreamsApp app;
    private InProcessWorker worker;
    private WebhookReceiver receiver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        kafka = new BrokerFixture(dir);
        app = ForkingPipeline.start(kafka, dir.resolve("state"), WAIT);
        receiver = WebhookReceiver.start(this::answer);
        worker = InProcessWorker.start(
                WorkerSettings.local(kafka.bootstrapServers(), kafka.registry.url(), dir.resolve("connect"))
                        .withOverrides(Map.of("offset.flush.interval.ms", "1000")));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {worker, receiver, app, kafka}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * Some events are refused for good (422) or always fail (503). A deliverable event fails, times
     * out or is slow on its first attempt (chosen by its id) and is answered 200 from its second, so
     * it is delivered within the sink's retries whatever the order of requests: choosing by the
     * receiver's request count let an event meet a failing answer on all four attempts now and then
     * (CI: one deliverable event in the dead-letter queue).
     */
    private Answer answer(int n, WebhookReceiver.Request request) {
        String eventId = request.idempotencyKey();
        int attempt =
                attempts.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
        return switch (fate(eventId)) {
            case REFUSED -> new Answer(422, 0);
            case UNAVAILABLE -> new Answer(503, 0);
            case DELIVERABLE -> attempt > 1 ? Answer.ok() : firstAnswer(eventId);
        };
    }

    private static Answer firstAnswer(String eventId) {
        return switch (Math.floorMod(eventId.hashCode() / 29, 7)) {
            case 1 -> new Answer(503, 0);
            case 3 -> new Answer(200, REQUEST_TIMEOUT_MS + 500); // the sink has timed out by then
            case 5 -> new Answer(200, REQUEST_TIMEOUT_MS / 3);
            default -> Answer.ok();
        };
    }

    private enum Fate {
        REFUSED,
        UNAVAILABLE,
        DELIVERABLE
    }

    private static Fate fate(String eventId) {
        int bucket = Math.floorMod(eventId.hashCode(), 29);
        return bucket == 0 ? Fate.REFUSED : bucket == 1 ? Fate.UNAVAILABLE : Fate.DELIVERABLE;
    }

    @Test
    void shouldDeliverEverySelectedEventAtLeastOnceAndSendPermanentFailuresToTheDeadLetterQueue() throws Exception {
        putConnector();
        awaitState("RUNNING");
        List<AccountCommand> commands = new CommandMix(7, 10, 3_000_000).generate(3_000);
        kafka.produce(commands.subList(0, 1_500));
        rest("PUT", "/connectors/" + CONNECTOR + "/pause");
        awaitState("PAUSED");
        kafka.produce(commands.subList(1_500, commands.size()));
        rest("PUT", "/connectors/" + CONNECTOR + "/resume");
        awaitState("RUNNING");
        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= commands.size(), WAIT);

        Map<String, String> selected = selectedEvents();
        Set<String> permanent = selected.keySet().stream()
                .filter(id -> fate(id) != Fate.DELIVERABLE)
                .collect(Collectors.toSet());
        Set<String> deliverable = new HashSet<>(selected.keySet());
        deliverable.removeAll(permanent);
        assertThat(selected.values()).as("selected event types").contains("ForkCompleted", "MergeCompleted");
        assertThat(permanent).as("events refused on purpose").isNotEmpty();

        await().atMost(WAIT).until(() -> receiver.accepted().keySet().containsAll(deliverable));
        await().atMost(WAIT).until(() -> deadLetteredEventIds().containsAll(permanent));

        assertThat(receiver.accepted().keySet()).isEqualTo(deliverable);
        assertThat(deadLetteredEventIds()).isEqualTo(permanent);
        assertThat(receiver.requests().size()).as("retries and redeliveries").isGreaterThan(deliverable.size());
        WebhookSigner signer = new WebhookSigner("it-secret");
        for (WebhookReceiver.Request request : receiver.accepted().values()) {
            assertThat(request.signature()).isEqualTo(signer.sign(request.body()));
            assertThat(JSON.readTree(request.body()).get("eventType").asText()).isEqualTo(request.eventType());
        }
        assertThat(JSON.readTree(rest("GET", "/connectors")).toString()).contains(CONNECTOR);
        System.out.printf(
                "selected %d (%s), delivered %d, dead-lettered %d, requests %d%n",
                selected.size(),
                selected.values().stream().collect(Collectors.groupingBy(t -> t, Collectors.counting())),
                deliverable.size(),
                permanent.size(),
                receiver.requests().size());
    }

    private void putConnector() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", WebhookSinkConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("topics", kafka.topics.portfolioEvents());
        config.put(WebhookSinkConfig.URL, receiver.url().toString());
        config.put(WebhookSinkConfig.SECRET, "it-secret");
        config.put(WebhookSinkConfig.EVENT_TYPES, String.join(",", SELECTED));
        config.put(WebhookSinkConfig.MAX_RETRIES, "3");
        config.put(WebhookSinkConfig.RETRY_BACKOFF_MS, "50");
        config.put(WebhookSinkConfig.RETRY_BACKOFF_MAX_MS, "400");
        config.put(WebhookSinkConfig.REQUEST_TIMEOUT_MS, Integer.toString(REQUEST_TIMEOUT_MS));
        config.put(WebhookSinkConfig.MAX_IN_FLIGHT, "4");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", DLQ);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        rest("PUT", "/connectors/" + CONNECTOR + "/config", JSON.writeValueAsString(config));
    }

    private void awaitState(String state) {
        await().atMost(WAIT).until(() -> {
            String status = rest("GET", "/connectors/" + CONNECTOR + "/status");
            var tasks = JSON.readTree(status).get("tasks");
            return JSON.readTree(status).get("connector").get("state").asText().equals(state)
                    && tasks.size() == 2
                    && tasks.findValuesAsText("state").stream().allMatch(state::equals);
        });
    }

    private String rest(String method, String path) throws Exception {
        return rest(method, path, null);
    }

    private String rest(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(worker.restUrl() + path.substring(1)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 299);
        return response.body();
    }

    /** Event id to type of every selected event on the topic. */
    private Map<String, String> selectedEvents() {
        return kafka.readToEnd(kafka.topics.portfolioEvents(), PortfolioEvent.class, WAIT).stream()
                .filter(e -> SELECTED.contains(e.getPayload().getClass().getSimpleName()))
                .collect(Collectors.toMap(
                        PortfolioEvent::getEventId,
                        e -> e.getPayload().getClass().getSimpleName()));
    }

    /** Event ids in the connector's dead-letter queue (which holds the original record bytes). */
    private Set<String> deadLetteredEventIds() {
        Set<String> ids = new HashSet<>();
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                SpecificAvroDeserializer<PortfolioEvent> events =
                        new SpecificAvroDeserializer<>(PortfolioEvent.class)) {
            events.configure(kafka.serdeConfig, false);
            if (consumer.partitionsFor(DLQ).isEmpty()) {
                return ids;
            }
            com.alluse.streams.client.Clients.assignAllFromBeginning(consumer, DLQ);
            var end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(events.deserialize(DLQ, record.value()).getEventId());
                }
            }
        }
        return ids;
    }
}
