package com.alluse.streams.connect.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.client.Clients;
import com.alluse.streams.connect.ForkingPipeline;
import com.alluse.streams.connect.InProcessWorker;
import com.alluse.streams.connect.ShippedConnectors;
import com.alluse.streams.connect.worker.WorkerSettings;
import com.alluse.streams.topology.AccountStreamsApp;
import com.alluse.streams.topology.BrokerFixture;
import com.alluse.streams.topology.CommandMix;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped JSON-lines export ({@code config/file-export.properties}: Kafka's
 * FileStreamSinkConnector with the JsonLine transform) in a real Connect worker, fed by the real
 * pipeline on the embedded broker and registry: each exported file holds exactly its topic's
 * records, one JSON object per line, every Avro field present with its value (money as integer
 * cents, unions as their set member).
 */
@Timeout(600)
class FileExportIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COMMANDS = 1_500;
    private static final String TOMBSTONE_KEY = "A-erased";

    @TempDir
    Path dir;

    private BrokerFixture kafka;
    private AccountStreamsApp app;
    private InProcessWorker worker;

    @BeforeEach
    void start() throws Exception {
        kafka = new BrokerFixture(dir);
        app = ForkingPipeline.start(kafka, dir.resolve("state"), WAIT);
        worker = InProcessWorker.start(
                WorkerSettings.local(kafka.bootstrapServers(), kafka.registry.url(), dir.resolve("connect"))
                        .withOverrides(Map.of("offset.flush.interval.ms", "1000")));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {worker, app, kafka}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void shouldExportExactlyEachTopicsRecordsAsJsonLinesWithIntegerCents() throws Exception {
        List<String> topics =
                List.of(kafka.topics.ledger(), kafka.topics.portfolioEvents(), kafka.topics.accountState());
        for (String topic : topics) {
            worker.putConnector("export-" + topic, exportOf(topic), WAIT);
        }
        List<AccountCommand> commands = new CommandMix(5, 8, 3_000_000).generate(COMMANDS);
        kafka.produce(commands);
        kafka.readUntil(kafka.topics.commandResults(), CommandResult.class, r -> r.size() >= COMMANDS, WAIT);
        // A tombstone, as an operator erasing an account would write it: exported as such.
        kafka.produceRaw(kafka.topics.accountState(), TOMBSTONE_KEY.getBytes(StandardCharsets.UTF_8), null);

        Map<String, Integer> exported = new HashMap<>();
        for (String topic : topics) {
            Map<String, ConsumerRecord<String, SpecificRecord>> records = readToEnd(topic);
            await().atMost(WAIT).until(() -> lines(topic).size() >= records.size());
            List<JsonNode> lines = lines(topic);
            assertThat(lines).as("lines of %s", topic).hasSize(records.size());
            for (JsonNode line : lines) {
                String position = line.get("_partition").asInt() + "@"
                        + line.get("_offset").asLong();
                ConsumerRecord<String, SpecificRecord> record = records.remove(position);
                assertThat(record)
                        .as("%s %s is a record of the topic, exported once", topic, position)
                        .isNotNull();
                assertLineIsRecord(line, record);
            }
            assertThat(records).as("records of %s not exported", topic).isEmpty();
            exported.put(topic, lines.size());
        }
        assertThat(lines(kafka.topics.accountState())).as("the tombstone").anySatisfy(line -> {
            assertThat(line.get("_key").asText()).isEqualTo(TOMBSTONE_KEY);
            assertThat(line.get("_tombstone").asBoolean()).isTrue();
        });
        assertThat(lines(kafka.topics.portfolioEvents()))
                .as("forks, exported with their union member")
                .anySatisfy(line ->
                        assertThat(line.get("payload").has("ForkCompleted")).isTrue());
        System.out.println("exported lines " + exported);
    }

    private Map<String, String> exportOf(String topic) {
        return ShippedConnectors.load(
                "file-export.properties",
                Map.of(
                        "name",
                        "export-" + topic,
                        "topics",
                        topic,
                        "file",
                        file(topic).toString()));
    }

    private Path file(String topic) {
        return dir.resolve(topic + ".jsonl");
    }

    private List<JsonNode> lines(String topic) throws IOException {
        Path file = file(topic);
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** Every committed record of the topic by {@code partition@offset}. */
    private Map<String, ConsumerRecord<String, SpecificRecord>> readToEnd(String topic) {
        Map<String, ConsumerRecord<String, SpecificRecord>> records = new HashMap<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (KafkaConsumer<String, SpecificRecord> consumer =
                Clients.consumer(kafka.bootstrapServers(), kafka.serdeConfig, null)) {
            Clients.assignAllFromBeginning(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                assertThat(System.nanoTime())
                        .as("reading %s to its end in time", topic)
                        .isLessThan(deadline);
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    records.put(record.partition() + "@" + record.offset(), record);
                }
            }
        }
        return records;
    }

    private static void assertLineIsRecord(JsonNode line, ConsumerRecord<String, SpecificRecord> record) {
        assertThat(line.get("_topic").asText()).isEqualTo(record.topic());
        assertThat(line.get("_key").asText()).isEqualTo(record.key());
        assertThat(Instant.parse(line.get("_timestamp").asText()).toEpochMilli())
                .isEqualTo(record.timestamp());
        if (record.value() == null) {
            assertThat(line.get("_tombstone").asBoolean()).isTrue();
            return;
        }
        Schema schema = record.value().getSchema();
        Iterator<String> names = line.fieldNames();
        List<String> valueFields = new ArrayList<>();
        names.forEachRemaining(name -> {
            if (!name.startsWith("_")) {
                valueFields.add(name);
            }
        });
        assertThat(valueFields)
                .as("the value's fields, in schema order")
                .containsExactlyElementsOf(
                        schema.getFields().stream().map(Schema.Field::name).toList());
        for (Schema.Field field : schema.getFields()) {
            assertValue(field.name(), field.schema(), record.value().get(field.pos()), line.get(field.name()));
        }
    }

    /** The JSON of one Avro value: what a reader of the export may rely on. */
    private static void assertValue(String path, Schema schema, Object value, JsonNode json) {
        assertThat(json).as(path).isNotNull();
        switch (schema.getType()) {
            case NULL -> assertThat(json.isNull()).as(path).isTrue();
            case LONG -> {
                assertThat(json.isIntegralNumber())
                        .as("%s is an integer (cents stay exact)", path)
                        .isTrue();
                assertThat(json.asLong()).as(path).isEqualTo((Long) value);
            }
            case INT -> assertThat(json.asInt()).as(path).isEqualTo((Integer) value);
            case BOOLEAN -> assertThat(json.asBoolean()).as(path).isEqualTo((Boolean) value);
            case DOUBLE, FLOAT -> assertThat(json.asDouble()).as(path).isEqualTo(((Number) value).doubleValue());
            case STRING, ENUM -> assertThat(json.asText()).as(path).isEqualTo(value.toString());
            case BYTES ->
                assertThat(Base64.getDecoder().decode(json.asText())).as(path).isEqualTo(bytes((ByteBuffer) value));
            case RECORD -> {
                IndexedRecord nested = (IndexedRecord) value;
                assertThat(json.size())
                        .as("%s fields", path)
                        .isEqualTo(schema.getFields().size());
                for (Schema.Field field : schema.getFields()) {
                    assertValue(
                            path + "." + field.name(), field.schema(), nested.get(field.pos()), json.get(field.name()));
                }
            }
            case ARRAY -> {
                List<?> elements = new ArrayList<>((java.util.Collection<?>) value);
                assertThat(json.size()).as(path).isEqualTo(elements.size());
                for (int i = 0; i < elements.size(); i++) {
                    assertValue(path + "[" + i + "]", schema.getElementType(), elements.get(i), json.get(i));
                }
            }
            case MAP -> {
                Map<?, ?> entries = (Map<?, ?>) value;
                assertThat(json.size()).as(path).isEqualTo(entries.size());
                entries.forEach((key, element) ->
                        assertValue(path + "." + key, schema.getValueType(), element, json.get(key.toString())));
            }
            case UNION -> {
                if (value == null) {
                    assertThat(json.isNull()).as("%s is null", path).isTrue();
                    return;
                }
                Schema branch = schema.getTypes().get(SpecificData.get().resolveUnion(schema, value));
                long members = schema.getTypes().stream()
                        .filter(type -> type.getType() != Schema.Type.NULL)
                        .count();
                if (members == 1) {
                    assertValue(path, branch, value, json); // a nullable value is the value itself
                } else {
                    assertThat(json.size())
                            .as("%s holds only its set member", path)
                            .isEqualTo(1);
                    assertValue(path + "." + branch.getName(), branch, value, json.get(branch.getName()));
                }
            }
            default -> throw new AssertionError(path + ": no JSON expectation for Avro type " + schema.getType());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
