package com.alluse.streams.cli;

import com.alluse.streams.client.Clients;
import com.alluse.streams.client.json.ConsumedRecordJson;
import com.alluse.streams.serde.AvroSerdes;
import com.alluse.streams.serde.SpecificAvroSerde;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the records of one pipeline topic as JSON lines. */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        description = {
            "Print the records of a pipeline topic, one JSON object per line, on standard output.",
            "Reads every partition without a consumer group (nothing is committed, any number of readers may run), "
                    + "only committed records (read_committed), from the beginning unless --from-end. It stops after "
                    + "--max-records, or once no record has arrived for --idle-timeout, or with --follow at Ctrl-C. "
                    + "A count goes to standard error at the end."
        },
        footer = {
            "%nEach line: {\"_topic\":\"alluse.ledger\",\"_partition\":0,\"_offset\":0,",
            "  \"_timestamp\":\"<ISO-8601>\",\"_key\":\"P1:GEN\", ...the record's fields}",
            "Money fields (xxxCents in the schemas) lose the suffix and become decimal",
            "strings: \"balance\":\"100000.00\". A union of records is",
            "{\"type\":\"<RecordName>\", ...}; enums are strings; bytes are base64 plus",
            "\"<field>Text\" (UTF-8 text, or null when not printable); null fields are",
            "present as null. A value that cannot be decoded is shown with \"_error\",",
            "\"_valueBase64\" and \"_valueText\". docs/cli.md describes every field.",
            "%nExit codes: 0 done; 2 bad options; 3 Kafka or the schema registry failed."
        })
final class ConsumeCommand implements Callable<Integer> {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    @Mixin
    ConnectionOptions connection;

    @Parameters(
            index = "0",
            paramLabel = "TOPIC",
            converter = ConsumableTopic.Converter.class,
            completionCandidates = ConsumableTopic.Names.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    ConsumableTopic topic;

    @Option(names = "--from-end", description = "Start at the end: print only records written from now on.")
    boolean fromEnd;

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records (default: no limit).")
    Long maxRecords;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description =
                    "Stop once no record has arrived for this long, e.g. 500ms, 5s, 2m (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--follow", description = "Keep waiting for new records until Ctrl-C (ignores --idle-timeout).")
    boolean follow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (maxRecords != null && maxRecords < 1) {
            throw new ParameterException(spec.commandLine(), "--max-records must be at least 1, got " + maxRecords);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--idle-timeout must be positive, got " + idleTimeout);
        }
        PrintWriter err = spec.commandLine().getErr();
        String topicName = topic.topicIn(connection.topics());
        return ExitCodes.run(err, "reading " + topicName, () -> {
            TopicPreflight.describe(connection.kafka(), topicName);
            consume(topicName, err);
            return ExitCodes.OK;
        });
    }

    private void consume(String topicName, PrintWriter err) {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = null;
        long printed = 0;
        try (SpecificAvroSerde<SpecificRecord> serde = AvroSerdes.specific(connection.serdeConfig(), false);
                KafkaConsumer<byte[], byte[]> consumer = Clients.rawConsumer(connection.kafka())) {
            if (fromEnd) {
                Clients.assignAllAtEnd(consumer, topicName);
            } else {
                Clients.assignAllFromBeginning(consumer, topicName);
            }
            onCtrlC = stopOnShutdown(consumer, finished);
            printed = print(consumer, new ConsumedRecordJson(serde.deserializer()), out);
        } finally {
            out.flush();
            err.println("consumed " + printed + (printed == 1 ? " record" : " records") + " from " + topicName);
            // Only now may a Ctrl-C let the JVM exit: every line, the count included, is out.
            finished.countDown();
            if (onCtrlC != null) {
                removeQuietly(onCtrlC);
            }
        }
    }

    /** Prints records until the limit, the idle timeout, or Ctrl-C; returns how many it printed. */
    private long print(KafkaConsumer<byte[], byte[]> consumer, ConsumedRecordJson json, PrintWriter out) {
        long limit = maxRecords != null ? maxRecords : Long.MAX_VALUE;
        long printed = 0;
        long lastRecordNanos = System.nanoTime();
        try {
            while (printed < limit) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (records.isEmpty()) {
                    if (!follow && System.nanoTime() - lastRecordNanos >= idleTimeout.toNanos()) {
                        break;
                    }
                    continue;
                }
                lastRecordNanos = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    out.println(json.toJsonLine(record));
                    if (++printed == limit) {
                        break;
                    }
                }
                out.flush();
            }
        } catch (WakeupException ctrlC) {
            // Ctrl-C: every line printed so far is complete; stop here.
        }
        return printed;
    }

    /** On Ctrl-C, wakes the consumer and waits (bounded) until the command has closed it and printed its count. */
    private static Thread stopOnShutdown(KafkaConsumer<?, ?> consumer, CountDownLatch finished) {
        Thread hook = new Thread(
                () -> {
                    consumer.wakeup();
                    try {
                        finished.await(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "alluse-consume-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // The JVM is exiting (Ctrl-C): the hook is running and needs no removal.
        }
    }
}
