package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.client.PipelineAcls;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.domain.RulesConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * PipelineAcls lists the app's topics by hand (the client module does not know the topology); these
 * tests derive what the production topology reads and writes from its description, so that a new
 * source or sink without its ACL fails here rather than as a refused app on a secured cluster.
 */
class AccountTopologyAclsTest {
    private static final TopicNames TOPICS = TopicNames.withPrefix("prod.");
    private static final String APP = "User:app";
    private static final List<AclBinding> ACLS = PipelineAcls.pipeline(APP, TOPICS, "ledger-app");
    private static final TopologyDescription TOPOLOGY = AccountTopology.build(new PipelineConfig(
                    TOPICS,
                    3,
                    (short) 1,
                    Duration.ofDays(7),
                    RulesConfig.DEFAULTS,
                    Map.of("schema.registry.url", "mock://acls")))
            .describe();

    @Test
    void shouldGrantTheAppReadOnEveryTopicItsTopologyConsumes() {
        Set<String> sources = new TreeSet<>();
        nodes(TopologyDescription.Source.class).forEach(source -> sources.addAll(source.topicSet()));

        assertThat(sources)
                .isNotEmpty()
                .allSatisfy(topic -> assertThat(literalOperations(topic))
                        .as("operations on %s", topic)
                        .contains(AclOperation.READ, AclOperation.DESCRIBE));
    }

    @Test
    void shouldGrantTheAppWriteOnEveryTopicItsTopologyProduces() {
        List<TopologyDescription.Sink> sinks = nodes(TopologyDescription.Sink.class);

        assertThat(sinks)
                .isNotEmpty()
                .allSatisfy(sink -> assertThat(literalOperations(sink.topic()))
                        .as("operations on %s (sink %s)", sink.topic(), sink.name())
                        .contains(AclOperation.WRITE, AclOperation.DESCRIBE));
    }

    private static <N extends TopologyDescription.Node> List<N> nodes(Class<N> kind) {
        return TOPOLOGY.subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
    }

    private static Set<AclOperation> literalOperations(String topic) {
        Set<AclOperation> operations = new TreeSet<>();
        for (AclBinding acl : ACLS) {
            if (acl.pattern().resourceType() == ResourceType.TOPIC
                    && acl.pattern().patternType() == PatternType.LITERAL
                    && acl.pattern().name().equals(topic)) {
                operations.add(acl.entry().operation());
            }
        }
        return operations;
    }
}
