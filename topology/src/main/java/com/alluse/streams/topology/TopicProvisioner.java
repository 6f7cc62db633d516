package com.alluse.streams.topology;

import com.alluse.streams.client.TopicNames;
import com.alluse.streams.client.TopicReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's missing topics and checks existing ones: the inputs must have the
 * configured partition count (commands and calendar are co-partitioned, and so are ledger entries
 * and broker snapshots) and the account-state changelog must be compacted. A mismatch stops start-up with a message saying what to fix.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final String KEEP_FOREVER = "-1";
    private static final String THIRTY_DAYS_MS =
            Long.toString(Duration.ofDays(30).toMillis());

    private final Admin admin;
    private final PipelineConfig config;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, PipelineConfig config, Duration timeout) {
        this.admin = admin;
        this.config = config;
        this.timeout = timeout;
    }

    /** The topics with the settings the app creates them with. */
    public List<NewTopic> desiredTopics() {
        TopicNames topics = config.topics();
        return List.of(
                topic(topics.commands(), Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER)),
                topic(topics.calendar(), Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER)),
                // Kept: the booked commands are on alluse.commands; the reports are the market's own record of them.
                topic(topics.marketExecutions(), Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER)),
                topic(topics.commandResults(), Map.of(TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS)),
                topic(topics.ledger(), Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER)),
                topic(
                        topics.accountState(),
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                topic(topics.portfolioEvents(), Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER)),
                topic(topics.deadLetters(), Map.of(TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS)),
                // Kept (not compacted): the engine rebuilds its view by replay, breaches and closes included.
                topic(topics.strategyEvents(), Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER)),
                // Snapshots and their answers are audit records; instructions are replayed by a new consumer.
                topic(topics.brokerSnapshots(), Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER)),
                topic(topics.reconciliation(), Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER)),
                topic(topics.marketInstructions(), Map.of(TopicConfig.RETENTION_MS_CONFIG, KEEP_FOREVER)));
    }

    private NewTopic topic(String name, Map<String, String> configs) {
        return new NewTopic(name, config.partitions(), config.replicationFactor()).configs(configs);
    }

    public void ensureTopics() {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : desiredTopics()) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                LOG.info(
                        "Creating topics {}",
                        missing.stream().map(NewTopic::name).toList());
                createToleratingRaces(missing);
            }
            // KAFKA-15591: records produced right after topic creation can be lost; wait until writable.
            // This also waits out metadata propagation, which describeTopics would otherwise race.
            TopicReadiness.awaitWritable(admin, config.topics().all(), timeout);
            verifyExisting();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Could not provision the pipeline topics within " + timeout + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        }
    }

    /**
     * Instances that start together all see the topics missing and all create them: a topic that
     * another instance created first is fine here, and its settings are checked like any existing one.
     */
    private void createToleratingRaces(List<NewTopic> missing)
            throws ExecutionException, InterruptedException, TimeoutException {
        for (Map.Entry<String, KafkaFuture<Void>> created :
                admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                LOG.info("Topic {} was created by another instance meanwhile", created.getKey());
            }
        }
    }

    private void verifyExisting() throws ExecutionException, InterruptedException, TimeoutException {
        TopicNames topics = config.topics();
        Map<String, String> coPartitioned = Map.of(
                topics.commands(), "commands and calendar must be co-partitioned",
                topics.calendar(), "commands and calendar must be co-partitioned",
                topics.ledger(), "ledger entries and broker snapshots must be co-partitioned",
                topics.brokerSnapshots(), "ledger entries and broker snapshots must be co-partitioned");
        Map<String, TopicDescription> described = admin.describeTopics(coPartitioned.keySet())
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> problems = new ArrayList<>();
        for (TopicDescription description : described.values()) {
            int actual = description.partitions().size();
            if (actual != config.partitions()) {
                problems.add(description.name() + " has " + actual + " partitions but the pipeline is configured for "
                        + config.partitions() + " (" + coPartitioned.get(description.name()) + "): set --partitions "
                        + actual + " or recreate the topic");
            }
        }
        ConfigResource stateTopic = new ConfigResource(ConfigResource.Type.TOPIC, topics.accountState());
        Config stateConfig = admin.describeConfigs(List.of(stateTopic))
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(stateTopic);
        String cleanup = stateConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!cleanup.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            problems.add(topics.accountState() + " has cleanup.policy=" + cleanup + " but must be compacted: "
                    + "kafka-configs --alter --entity-type topics --entity-name " + topics.accountState()
                    + " --add-config cleanup.policy=compact");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Existing topics do not match the pipeline configuration:\n  - " + String.join("\n  - ", problems));
        }
    }
}
