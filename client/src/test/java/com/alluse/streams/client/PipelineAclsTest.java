package com.alluse.streams.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class PipelineAclsTest {
    private static final TopicNames TOPICS = TopicNames.withPrefix("prod.");
    private static final String APP = "User:app";

    private static Set<AclOperation> operations(
            List<AclBinding> acls, ResourceType type, String name, PatternType pattern) {
        return acls.stream()
                .filter(acl -> acl.pattern().resourceType() == type
                        && acl.pattern().name().equals(name)
                        && acl.pattern().patternType() == pattern)
                .map(acl -> acl.entry().operation())
                .collect(Collectors.toSet());
    }

    @Test
    void shouldGrantThePipelineItsInputsOutputsGroupTransactionsAndInternalTopicsOnly() {
        List<AclBinding> acls = PipelineAcls.pipeline(APP, TOPICS, "ledger-app");

        assertThat(operations(acls, ResourceType.TOPIC, "prod.commands", PatternType.LITERAL))
                .containsExactlyInAnyOrder(
                        AclOperation.CREATE,
                        AclOperation.DESCRIBE,
                        AclOperation.DESCRIBE_CONFIGS,
                        AclOperation.READ,
                        AclOperation.WRITE);
        assertThat(operations(acls, ResourceType.TOPIC, "prod.market-instructions", PatternType.LITERAL))
                .as("written, never read")
                .containsExactlyInAnyOrder(
                        AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.WRITE);
        assertThat(operations(acls, ResourceType.TOPIC, "prod.ledger", PatternType.LITERAL))
                .as("written, and read again by the reconciliation sub-topology")
                .contains(AclOperation.READ, AclOperation.WRITE);
        assertThat(operations(acls, ResourceType.TOPIC, "prod.command-results", PatternType.LITERAL))
                .contains(AclOperation.READ, AclOperation.WRITE);
        assertThat(operations(acls, ResourceType.GROUP, "ledger-app", PatternType.LITERAL))
                .containsExactly(AclOperation.READ);
        assertThat(operations(acls, ResourceType.GROUP, "ledger-app-downstream", PatternType.LITERAL))
                .as("the downstream processors' group, when they run apart")
                .containsExactly(AclOperation.READ);
        assertThat(operations(acls, ResourceType.TRANSACTIONAL_ID, "ledger-app", PatternType.PREFIXED))
                .containsExactlyInAnyOrder(AclOperation.WRITE, AclOperation.DESCRIBE);
        assertThat(operations(acls, ResourceType.TOPIC, "ledger-app-", PatternType.PREFIXED))
                .contains(AclOperation.CREATE, AclOperation.DELETE);
        assertThat(acls)
                .allSatisfy(acl -> {
                    assertThat(acl.entry().principal()).isEqualTo(APP);
                    assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
                    assertThat(acl.pattern().resourceType()).isNotEqualTo(ResourceType.CLUSTER);
                    assertThat(acl.entry().operation()).isNotEqualTo(AclOperation.ALL);
                })
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldLetAProducerWriteTheFourInputsAndNothingElse() {
        List<AclBinding> acls = PipelineAcls.producer("User:p", TOPICS);

        assertThat(acls)
                .extracting(acl -> acl.pattern().name())
                .containsOnly("prod.commands", "prod.calendar", "prod.market-executions", "prod.broker-snapshots");
        assertThat(acls).noneMatch(acl -> acl.entry().operation() == AclOperation.READ);
    }

    @Test
    void shouldLetAReaderReadTheOutputsAndItsGroupIfItHasOne() {
        List<AclBinding> withoutGroup = PipelineAcls.reader("User:r", TOPICS, null);
        List<AclBinding> withGroup = PipelineAcls.reader("User:r", TOPICS, "sink");

        assertThat(withoutGroup).extracting(acl -> acl.pattern().name()).isSubsetOf(TOPICS.outputs());
        assertThat(withoutGroup).noneMatch(acl -> acl.entry().operation() == AclOperation.WRITE);
        assertThat(operations(withGroup, ResourceType.GROUP, "sink", PatternType.LITERAL))
                .containsExactly(AclOperation.READ);
    }

    @Test
    void shouldPrintOneKafkaAclsCommandPerResourceWithAllItsOperations() {
        List<String> lines = PipelineAcls.kafkaAclsCommands(PipelineAcls.pipeline(APP, TOPICS, "ledger-app"));

        assertThat(lines)
                .contains(
                        "kafka-acls --add --allow-principal User:app --group ledger-app --operation Read",
                        "kafka-acls --add --allow-principal User:app --transactional-id ledger-app"
                                + " --resource-pattern-type prefixed --operation Write --operation Describe");
        assertThat(lines)
                .filteredOn(line -> line.contains("--topic prod.ledger "))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("--operation DescribeConfigs", "--operation Write"));
        assertThat(lines).doesNotHaveDuplicates().allMatch(line -> line.startsWith("kafka-acls --add "));
    }
}
