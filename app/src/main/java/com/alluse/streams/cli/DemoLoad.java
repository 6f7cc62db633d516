package com.alluse.streams.cli;

import static com.alluse.streams.client.AccountCommands.activate;
import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.commission;
import static com.alluse.streams.client.AccountCommands.deposit;
import static com.alluse.streams.client.AccountCommands.loss;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static com.alluse.streams.client.AccountCommands.premium;
import static com.alluse.streams.client.AccountCommands.suspend;
import static com.alluse.streams.client.AccountCommands.withdrawal;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.client.AccountCommands;
import com.alluse.streams.client.CalendarPublisher;
import com.alluse.streams.client.Clients;
import com.alluse.streams.client.KafkaConnection;
import com.alluse.streams.client.PipelineTopics;
import com.alluse.streams.client.ResultFollower;
import com.alluse.streams.client.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A small, meaningful load for the local run: three portfolios with deposits, premiums and
 * rejected withdrawals, a fork, a merge, a suspension, then a week close and a quarter close.
 * It waits for every command's result and summarises the outcomes.
 */
public final class DemoLoad {
    private final String bootstrapServers;
    private final Map<String, Object> serdeConfig;
    private final TopicNames topics;
    private final String runId;

    public DemoLoad(String bootstrapServers, Map<String, Object> serdeConfig, TopicNames topics, String runId) {
        this.bootstrapServers = bootstrapServers;
        this.serdeConfig = serdeConfig;
        this.topics = topics;
        this.runId = runId;
    }

    /** The demo's commands, in order. */
    public List<AccountCommand> commands(long startMs) {
        List<AccountCommand> commands = new ArrayList<>();
        Step step = new Step(commands, runId, startMs);
        step.add(portfolio(1), openPortfolio(250_000_00L, "MODERATE"));
        step.add(portfolio(1), deposit(account(1, "REV"), 5_000_00L));
        step.add(portfolio(1), premium(account(1, "GEN"), 1_500_00L));
        step.add(portfolio(1), withdrawal(account(1, "COM"), 1_000_00L)); // rejected: WITHDRAWAL_FORBIDDEN
        step.add(portfolio(1), withdrawal(account(1, "REV"), 80_000_00L)); // rejected: INSUFFICIENT_AVAILABLE
        step.add(portfolio(1), premium(account(1, "GEN"), 48_500_00L)); // surplus reaches 50,000.00: fork F1
        step.add(portfolio(1), deposit(account(1, "F1:GEN"), 275_000_00L));
        step.add(portfolio(1), deposit(account(1, "F1:COM"), 174_999_99L));
        step.add(portfolio(1), premium(account(1, "F1:COM"), 1L)); // group reaches 500,000.00: merge M1
        step.add(portfolio(1), premium(account(1, "F1:GEN"), 1_00L)); // rejected: ACCOUNT_CLOSED
        step.add(portfolio(2), openPortfolio(100_000_00L, "CONSERVATIVE"));
        step.add(portfolio(2), premium(account(2, "REV"), 12_000_00L));
        step.add(portfolio(2), commission(account(2, "REV"), 25_00L));
        step.add(portfolio(2), loss(account(2, "GEN"), 4_000_00L));
        step.add(portfolio(3), openPortfolio(500_000_00L, "AGGRESSIVE"));
        step.add(portfolio(3), suspend(account(3, "REV")));
        step.add(portfolio(3), deposit(account(3, "REV"), 1_000_00L)); // rejected: ACCOUNT_NOT_ACTIVE
        step.add(portfolio(3), activate(account(3, "REV")));
        step.add(portfolio(3), withdrawal(account(3, "GEN"), 10_000_00L));
        return commands;
    }

    /** Portfolio ids carry the run id, so every run opens new portfolios. */
    public String portfolio(int number) {
        return "demo-" + runId + "-" + number;
    }

    private String account(int portfolioNumber, String suffix) {
        return portfolio(portfolioNumber) + ":" + suffix;
    }

    /** Produces the demo, closes a week and a quarter, and waits (bounded) for every result. */
    public Summary run(Duration timeout) {
        long startMs = System.currentTimeMillis();
        List<AccountCommand> commands = commands(startMs);
        try (ResultFollower follower = new ResultFollower(
                KafkaConnection.plaintext(bootstrapServers),
                PipelineTopics.of(topics, serdeConfig).commandResults(),
                ResultFollower.StartAt.END,
                commands.size(),
                null,
                "alluse-demo-results")) {
            Map<String, CompletableFuture<CommandResult>> expected = new LinkedHashMap<>();
            commands.forEach(command -> expected.put(
                    command.getCommandId(), follower.expect(command.getPortfolioId(), command.getCommandId())));
            produce(commands);
            return summarise(commands, expected, follower, timeout);
        }
    }

    private void produce(List<AccountCommand> commands) {
        try (KafkaProducer<String, SpecificRecord> producer = Clients.producer(bootstrapServers, serdeConfig)) {
            for (AccountCommand command : commands) {
                producer.send(new ProducerRecord<>(topics.commands(), command.getPortfolioId(), command))
                        .get();
            }
            // Streams orders co-partitioned input by timestamp: the closes must come after the commands.
            long closeMs = System.currentTimeMillis();
            CalendarPublisher.publish(
                    producer,
                    topics.calendar(),
                    AccountCommands.calendar(CalendarKind.WEEK_CLOSE, "demo-" + runId + "-W1", closeMs));
            CalendarPublisher.publish(
                    producer,
                    topics.calendar(),
                    AccountCommands.calendar(CalendarKind.QUARTER_CLOSE, "demo-" + runId + "-Q1", closeMs));
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Demo load could not be produced: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted producing the demo load", e);
        }
    }

    private static Summary summarise(
            List<AccountCommand> commands,
            Map<String, CompletableFuture<CommandResult>> expected,
            ResultFollower follower,
            Duration timeout) {
        Map<CommandOutcome, Integer> outcomes = new EnumMap<>(CommandOutcome.class);
        List<String> rejections = new ArrayList<>();
        int missing = 0;
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        for (AccountCommand command : commands) {
            Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
            Optional<CommandResult> result = follower.await(
                    command.getPortfolioId(), command.getCommandId(), expected.get(command.getCommandId()), left);
            if (result.isEmpty()) {
                missing++;
                continue;
            }
            outcomes.merge(result.get().getOutcome(), 1, Integer::sum);
            if (result.get().getOutcome() == CommandOutcome.REJECTED) {
                rejections.add(command.getCommandId() + ": " + result.get().getReasonCode());
            }
        }
        return new Summary(commands.size(), outcomes, rejections, missing);
    }

    public record Summary(
            int commands, Map<CommandOutcome, Integer> outcomes, List<String> rejections, int missingResults) {}

    private static final class Step {
        private final List<AccountCommand> commands;
        private final String runId;
        private long eventTimeMs;

        Step(List<AccountCommand> commands, String runId, long startMs) {
            this.commands = commands;
            this.runId = runId;
            this.eventTimeMs = startMs;
        }

        void add(String portfolioId, Object payload) {
            String commandId = "demo-" + runId + "-c" + (commands.size() + 1);
            commands.add(command(commandId, portfolioId, eventTimeMs++, payload));
        }
    }
}
