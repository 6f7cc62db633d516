package com.alluse.streams.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least Kafka ACLs each principal of the pipeline needs, for {@code kafka-acls} or
 * {@code Admin.createAcls}: nothing on any other topic, group or transactional id, nothing on the
 * cluster. docs/security.md explains each entry.
 */
public final class PipelineAcls {
    private static final String ANY_HOST = "*";

    private PipelineAcls() {}

    /**
     * The stream-processing app with its HTTP API (one process, one principal): reads its inputs and,
     * for its metrics, command results, reconciliation and market instructions, seven of its outputs; writes its outputs and (HTTP submissions)
     * the commands; creates and inspects the pipeline topics it provisions; owns its consumer group, its
     * transactional ids and its internal topics, all named by the application id (the downstream role's
     * id starts with it, {@link ApplicationIds}).
     */
    public static List<AclBinding> pipeline(String principal, TopicNames topics, String applicationId) {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : topics.all()) {
            allow(
                    acls,
                    principal,
                    literal(ResourceType.TOPIC, topic),
                    AclOperation.CREATE,
                    AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS);
        }
        for (String input : inputs(topics)) {
            allow(acls, principal, literal(ResourceType.TOPIC, input), AclOperation.READ);
        }
        // Outputs its own sub-topologies read again: monitoring (results, events, dead letters, states),
        // reconciliation (the ledger) and market instructions (strategy events, reconciliation results).
        for (String monitored : List.of(
                topics.commandResults(),
                topics.portfolioEvents(),
                topics.deadLetters(),
                topics.accountState(),
                topics.ledger(),
                topics.strategyEvents(),
                topics.reconciliation())) {
            allow(acls, principal, literal(ResourceType.TOPIC, monitored), AclOperation.READ);
        }
        for (String output : topics.outputs()) {
            allow(acls, principal, literal(ResourceType.TOPIC, output), AclOperation.WRITE);
        }
        allow(acls, principal, literal(ResourceType.TOPIC, topics.commands()), AclOperation.WRITE);
        // The ledger's group, and the downstream processors' when they run as an application of their own.
        allow(acls, principal, literal(ResourceType.GROUP, applicationId), AclOperation.READ);
        allow(
                acls,
                principal,
                literal(ResourceType.GROUP, ApplicationIds.downstream(applicationId)),
                AclOperation.READ);
        // Exactly-once v2: transactional.id is "<application.id>-<process id>-<thread index>".
        allow(
                acls,
                principal,
                prefixed(ResourceType.TRANSACTIONAL_ID, applicationId),
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        // Changelog and repartition topics are "<application.id>-<name>"; Streams purges repartition records.
        allow(
                acls,
                principal,
                prefixed(ResourceType.TOPIC, applicationId + "-"),
                AclOperation.CREATE,
                AclOperation.READ,
                AclOperation.WRITE,
                AclOperation.DELETE,
                AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS);
        return acls;
    }

    /**
     * A producer of the inputs ({@code alluse produce}, {@code alluse produce --execution-reports},
     * {@code alluse calendar}, the market integration): writes the three input topics.
     */
    public static List<AclBinding> producer(String principal, TopicNames topics) {
        List<AclBinding> acls = new ArrayList<>();
        for (String input : inputs(topics)) {
            allow(
                    acls,
                    principal,
                    literal(ResourceType.TOPIC, input),
                    AclOperation.WRITE,
                    AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS);
        }
        return acls;
    }

    /**
     * A read-only consumer of the outputs ({@code alluse consume}, a sink connector).
     *
     * @param groupId its consumer group, or null for one that assigns partitions itself (as {@code alluse consume})
     */
    public static List<AclBinding> reader(String principal, TopicNames topics, String groupId) {
        List<AclBinding> acls = new ArrayList<>();
        for (String output : topics.outputs()) {
            allow(
                    acls,
                    principal,
                    literal(ResourceType.TOPIC, output),
                    AclOperation.READ,
                    AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS);
        }
        if (groupId != null) {
            allow(acls, principal, literal(ResourceType.GROUP, groupId), AclOperation.READ);
        }
        return acls;
    }

    /** One {@code kafka-acls --add} command per principal and resource, with all its operations, e.g. for a runbook. */
    public static List<String> kafkaAclsCommands(List<AclBinding> acls) {
        Map<String, List<String>> operationsByTarget = new LinkedHashMap<>();
        for (AclBinding acl : acls) {
            ResourcePattern pattern = acl.pattern();
            String target = "--allow-principal " + acl.entry().principal() + " " + resourceOption(pattern)
                    + (pattern.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
            operationsByTarget
                    .computeIfAbsent(target, t -> new ArrayList<>())
                    .add("--operation " + operationName(acl.entry().operation()));
        }
        List<String> lines = new ArrayList<>();
        operationsByTarget.forEach(
                (target, operations) -> lines.add("kafka-acls --add " + target + " " + String.join(" ", operations)));
        return lines;
    }

    private static String resourceOption(ResourcePattern pattern) {
        return switch (pattern.resourceType()) {
            case TOPIC -> "--topic " + pattern.name();
            case GROUP -> "--group " + pattern.name();
            case TRANSACTIONAL_ID -> "--transactional-id " + pattern.name();
            default -> throw new IllegalArgumentException("no kafka-acls option for " + pattern.resourceType());
        };
    }

    /** kafka-acls spells operations in camel case: DescribeConfigs, IdempotentWrite. */
    private static String operationName(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String part : operation.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    /**
     * What the pipeline reads and producers write: commands, calendar and the market's execution
     * reports and broker snapshots.
     */
    private static List<String> inputs(TopicNames topics) {
        return List.of(topics.commands(), topics.calendar(), topics.marketExecutions(), topics.brokerSnapshots());
    }

    private static ResourcePattern literal(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.LITERAL);
    }

    private static ResourcePattern prefixed(ResourceType type, String prefix) {
        return new ResourcePattern(type, prefix, PatternType.PREFIXED);
    }

    private static void allow(
            List<AclBinding> acls, String principal, ResourcePattern pattern, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(
                    pattern, new AccessControlEntry(principal, ANY_HOST, operation, AclPermissionType.ALLOW)));
        }
    }
}
