package com.alluse.streams.client.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.serde.SpecificAvroSerde;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumedRecordJsonTest {
    private static final String TOPIC = "alluse.account-state";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpecificAvroSerde<SpecificRecord> serde =
            AvroSerdes.specific(Map.of("schema.registry.url", "mock://consumed-json-" + UUID.randomUUID()), false);
    private final ConsumedRecordJson renderer = new ConsumedRecordJson(serde.deserializer());

    @AfterEach
    void closeSerde() {
        serde.close();
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>(
                TOPIC,
                2,
                41L,
                1_764_000_000_123L,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                key,
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPutTheRecordsPositionAndKeyBeforeTheValuesFields() throws Exception {
        byte[] value = serde.serializer().serialize(TOPIC, RecordJsonTest.accountState(10_000_000L));

        String line = renderer.toJsonLine(record(utf8("P1:GEN"), value));

        assertThat(line)
                .startsWith("{\"_topic\":\"alluse.account-state\",\"_partition\":2,\"_offset\":41,"
                        + "\"_timestamp\":\"2025-11-24T16:00:00.123Z\",\"_key\":\"P1:GEN\",\"accountId\":\"P1:GEN\",");
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("balance").textValue()).isEqualTo("100000.00");
        assertThat(line).doesNotContain("\n");
    }

    @Test
    void shouldShowAValueThatCannotBeDecodedWithTheErrorAndItsBytes() throws Exception {
        JsonNode json = JSON.readTree(renderer.toJsonLine(record(utf8("P1"), utf8("{\"commandId\":\"c1\"}"))));

        assertThat(json.get("_key").textValue()).isEqualTo("P1");
        assertThat(json.get("_error").textValue()).startsWith("cannot decode the value: ");
        assertThat(json.get("_valueBase64").textValue()).isEqualTo("eyJjb21tYW5kSWQiOiJjMSJ9");
        assertThat(json.get("_valueText").textValue()).isEqualTo("{\"commandId\":\"c1\"}");
    }

    @Test
    void shouldMarkANullValueAsATombstone() throws Exception {
        JsonNode json = JSON.readTree(renderer.toJsonLine(record(utf8("P1:GEN"), null)));

        assertThat(json.get("_tombstone").booleanValue()).isTrue();
        assertThat(json.get("_offset").longValue()).isEqualTo(41L);
    }

    @Test
    void shouldShowAKeyThatIsNotUtf8AsBase64() throws Exception {
        byte[] value = serde.serializer().serialize(TOPIC, AccountCommands.activate("P1:GEN"));

        JsonNode json = JSON.readTree(renderer.toJsonLine(record(new byte[] {(byte) 0xFF, 1}, value)));

        assertThat(json.get("_key").isNull()).isTrue();
        assertThat(json.get("_keyBase64").textValue()).isEqualTo("/wE=");
        assertThat(json.get("accountId").textValue()).isEqualTo("P1:GEN");
    }

    @Test
    void shouldRenderANullKeyAsNull() throws Exception {
        byte[] value = serde.serializer().serialize(TOPIC, AccountCommands.activate("P1:GEN"));

        JsonNode json = JSON.readTree(renderer.toJsonLine(record(null, value)));

        assertThat(json.get("_key").isNull()).isTrue();
        assertThat(json.has("_keyBase64")).isFalse();
    }

    @Test
    void shouldWriteNonAsciiTextAsJsonEscapes() throws Exception {
        byte[] value = serde.serializer().serialize(TOPIC, AccountCommands.suspend("P1:GEN", "révision ✓"));

        String line = renderer.toJsonLine(record(utf8("P1"), value));

        assertThat(line).contains("\"reason\":\"r\\u00E9vision \\u2713\"");
        assertThat(JSON.readTree(line).get("reason").textValue()).isEqualTo("révision ✓");
    }
}
