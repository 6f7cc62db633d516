package com.alluse.streams.simulator;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.BrokerSnapshot;
import com.alluse.streams.avro.CalendarEvent;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.ExecutionReport;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.avro.MarketInstruction;
import com.alluse.streams.avro.ReconciliationResult;
import com.alluse.streams.avro.StrategyEvent;
import com.alluse.streams.client.CalendarPublisher;
import com.alluse.streams.client.Clients;
import com.alluse.streams.client.Deadline;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.PipelineTopics;
import com.alluse.streams.client.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * The simulator's side of the pipeline's public topics: one producer for its inputs and a {@link TopicTail} per
 * output it watches. Sends wait for the broker's acknowledgement; waits on the outputs are bounded.
 */
final class PipelineLink implements AutoCloseable {
    private final TopicNames names;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final TopicTail<CommandResult> results;
    private final TopicTail<StrategyEvent> strategyEvents;
    private final TopicTail<LedgerEntry> ledger;
    private final TopicTail<ReconciliationResult> reconciliation;
    private final TopicTail<MarketInstruction> instructions;

    PipelineLink(KafkaConnection connection, TopicNames names, Map<String, Object> serdeConfig) {
        PipelineTopics topics = PipelineTopics.of(names, serdeConfig);
        this.names = names;
        this.producer = Clients.producer(connection, serdeConfig);
        this.results = new TopicTail<>(connection, topics.commandResults());
        this.strategyEvents = new TopicTail<>(connection, topics.strategyEvents());
        this.ledger = new TopicTail<>(connection, topics.ledger());
        this.reconciliation = new TopicTail<>(connection, topics.reconciliation());
        this.instructions = new TopicTail<>(connection, topics.marketInstructions());
    }

    void sendCommands(List<AccountCommand> commands) {
        send(commands, command -> new ProducerRecord<>(names.commands(), command.getPortfolioId(), command));
    }

    void sendReports(List<ExecutionReport> reports) {
        send(reports, report -> new ProducerRecord<>(names.marketExecutions(), report.getAccountId(), report));
    }

    void sendSnapshots(List<BrokerSnapshot> snapshots) {
        send(snapshots, snapshot -> new ProducerRecord<>(names.brokerSnapshots(), snapshot.getAccountId(), snapshot));
    }

    void publish(CalendarEvent event) {
        CalendarPublisher.publish(producer, names.calendar(), event);
    }

    /**
     * Reads results until every expected command id has had as many results as it was sent (a redelivered report
     * is answered twice), and hands each of them to {@code onResult}.
     */
    void awaitResults(Map<String, Integer> expected, Duration timeout, Consumer<CommandResult> onResult) {
        Map<String, Integer> missing = new HashMap<>(expected);
        results.readUntil(
                result -> {
                    Integer left = missing.get(result.getCommandId());
                    if (left != null) {
                        onResult.accept(result);
                        if (left == 1) {
                            missing.remove(result.getCommandId());
                        } else {
                            missing.put(result.getCommandId(), left - 1);
                        }
                    }
                },
                missing::isEmpty,
                Deadline.after(timeout),
                () -> missing.size() + " of " + expected.size() + " command results, e.g. "
                        + missing.keySet().stream().sorted().limit(3).toList());
    }

    /** Reads reconciliation results until every snapshot id is answered; returns them. */
    List<ReconciliationResult> awaitReconciliation(Set<String> snapshotIds, Duration timeout) {
        Set<String> missing = new HashSet<>(snapshotIds);
        List<ReconciliationResult> answers = new ArrayList<>(snapshotIds.size());
        reconciliation.readUntil(
                result -> {
                    if (missing.remove(result.getSnapshotId())) {
                        answers.add(result);
                    }
                },
                missing::isEmpty,
                Deadline.after(timeout),
                () -> missing.size() + " of " + snapshotIds.size() + " reconciliation results, e.g. "
                        + missing.stream().sorted().limit(3).toList());
        return answers;
    }

    /** Reads market instructions, each handed to {@code onInstruction}, until {@code done} holds. */
    void awaitInstructions(Consumer<MarketInstruction> onInstruction, BooleanSupplier done, Duration timeout) {
        instructions.readUntil(
                onInstruction, done, Deadline.after(timeout), () -> "the market instructions the run caused");
    }

    void readStrategyEvents(Consumer<StrategyEvent> handler, Duration timeout) {
        strategyEvents.readToEnd(handler, Deadline.after(timeout));
    }

    void readLedger(Consumer<LedgerEntry> handler, Duration timeout) {
        ledger.readToEnd(handler, Deadline.after(timeout));
    }

    private <T> void send(
            List<T> values, java.util.function.Function<T, ProducerRecord<String, SpecificRecord>> record) {
        List<Future<RecordMetadata>> sends = new ArrayList<>(values.size());
        for (T value : values) {
            sends.add(producer.send(record.apply(value)));
        }
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "a send of the simulation failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw new InterruptException("interrupted sending", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        results.close();
        strategyEvents.close();
        ledger.close();
        reconciliation.close();
        instructions.close();
    }
}
