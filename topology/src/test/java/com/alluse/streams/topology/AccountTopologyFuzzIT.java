package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.serde.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-broker counterpart of {@link AccountTopologyFuzzTest}, smaller: a few records of every
 * fuzz category on both inputs of a running pipeline. Each unreadable record reaches the DLQ,
 * each readable bad command a rejection with a reason, and a valid command sent after them all is
 * accepted.
 */
@Timeout(180)
class AccountTopologyFuzzIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PER_CATEGORY = 10;
    private static final long SEED = 20_261_201L;
    private static final String P = "P1";

    @TempDir
    Path dir;

    private BrokerFixture kafka;

    @AfterEach
    void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldDeadLetterOrRejectEveryFuzzedInputAndKeepProcessing() throws Exception {
        kafka = new BrokerFixture(dir);
        Random random = new Random(SEED);
        Serializer<SpecificRecord> avro =
                AvroSerdes.<SpecificRecord>specific(kafka.serdeConfig, false).serializer();
        try (AccountStreamsApp app = new AccountStreamsApp(
                kafka.pipeline(3),
                StreamsSettings.local(kafka.bootstrapServers(), dir.resolve("state"))
                        .toProperties(),
                Duration.ofSeconds(30))) {
            app.start(WAIT);
            app.awaitRunning(WAIT);
            kafka.produce(List.of(command("open", P, System.currentTimeMillis(), openPortfolio(25_000_000L, null))));

            List<KeyValue<byte[], byte[]>> unreadableCommands =
                    unreadable(random, avro, kafka.topics.commands(), validCommand(0));
            List<KeyValue<byte[], byte[]>> unreadableCalendar = unreadable(
                    random, avro, kafka.topics.calendar(), AccountCommands.calendar(CalendarKind.WEEK_CLOSE, "W1", 1));
            List<KeyValue<byte[], byte[]>> badCommands = readableButBad(random, avro);
            kafka.produceRaw(kafka.topics.commands(), unreadableCommands);
            kafka.produceRaw(kafka.topics.calendar(), unreadableCalendar);
            kafka.produceRaw(kafka.topics.commands(), badCommands);
            kafka.produce(
                    List.of(command("canary", P, System.currentTimeMillis(), AccountCommands.deposit(P + ":REV", 1))));

            List<DeadLetter> letters = kafka.readUntil(
                    kafka.topics.deadLetters(),
                    DeadLetter.class,
                    read -> read.size() >= unreadableCommands.size() + unreadableCalendar.size(),
                    WAIT);
            List<CommandResult> results = kafka.readUntil(
                    kafka.topics.commandResults(),
                    CommandResult.class,
                    read -> read.size() >= 2 + badCommands.size(),
                    WAIT);

            assertThat(letters.stream().filter(l -> l.getSourceTopic().equals(kafka.topics.commands())))
                    .hasSize(unreadableCommands.size());
            assertThat(letters.stream().filter(l -> l.getSourceTopic().equals(kafka.topics.calendar())))
                    .hasSize(unreadableCalendar.size());
            assertThat(results).hasSize(2 + badCommands.size());
            List<CommandResult> fuzzed = results.stream()
                    .filter(r -> !r.getCommandId().equals("open")
                            && !r.getCommandId().equals("canary"))
                    .toList();
            assertThat(fuzzed).hasSize(badCommands.size()).allSatisfy(result -> {
                assertThat(result.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
                assertThat(result.getReasonMessage()).isNotBlank();
            });
            assertThat(results)
                    .filteredOn(r -> r.getCommandId().equals("canary"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED));
            System.out.println("Real-broker fuzz: " + unreadableCommands.size() + " unreadable commands, "
                    + unreadableCalendar.size() + " unreadable calendar records, " + badCommands.size()
                    + " readable bad commands");
        }
    }

    /** Random bytes, truncated Avro, unknown schema ids, wrong magic bytes and null values. */
    private static List<KeyValue<byte[], byte[]>> unreadable(
            Random random, Serializer<SpecificRecord> avro, String topic, SpecificRecord valid) {
        byte[] whole = avro.serialize(topic, valid);
        List<KeyValue<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < PER_CATEGORY; i++) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            records.add(new KeyValue<>(bytes(P), noise));
            records.add(new KeyValue<>(bytes(P), Arrays.copyOf(whole, random.nextInt(whole.length))));
            byte[] unknownId = whole.clone();
            ByteBuffer.wrap(unknownId).putInt(1, 1_000 + random.nextInt(Integer.MAX_VALUE - 1_000));
            records.add(new KeyValue<>(bytes(P), unknownId));
            byte[] wrongMagic = whole.clone();
            wrongMagic[0] = (byte) (1 + random.nextInt(255));
            records.add(new KeyValue<>(bytes(P), wrongMagic));
            records.add(new KeyValue<>(i % 2 == 0 ? null : bytes(P), null));
        }
        return records;
    }

    /** Null keys, keys that are not the portfolio id, oversized ids and amounts at the long bounds. */
    private static List<KeyValue<byte[], byte[]>> readableButBad(Random random, Serializer<SpecificRecord> avro) {
        long[] bounds = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        String topic = "alluse.commands";
        List<KeyValue<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < PER_CATEGORY; i++) {
            records.add(new KeyValue<>(null, avro.serialize(topic, validCommand(records.size()))));
            records.add(new KeyValue<>(bytes("not-" + P), avro.serialize(topic, validCommand(records.size()))));
            String longId = "x".repeat(129 + random.nextInt(10_000));
            records.add(new KeyValue<>(
                    bytes(P),
                    avro.serialize(topic, command(longId + i, P, 1, AccountCommands.deposit(P + ":REV", 1)))));
            long amount = bounds[random.nextInt(bounds.length)];
            records.add(new KeyValue<>(
                    bytes(P),
                    avro.serialize(topic, command("bound-" + i, P, 1, AccountCommands.deposit(P + ":GEN", amount)))));
        }
        return records;
    }

    private static AccountCommand validCommand(int n) {
        return command("fuzz-" + n, P, 1, AccountCommands.deposit(P + ":REV", 100));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
