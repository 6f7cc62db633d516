package com.alluse.streams.connect.worker;

import com.alluse.streams.connect.avro.AllUseAvroConverter;
import com.alluse.streams.connect.metrics.ConnectMetricsExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the Connect worker of {@code alluse connect} needs, turned into Connect's worker properties.
 * Keys are read as strings and values as the pipeline's Avro; every sink consumer reads with
 * {@code isolation.level=read_committed} because the pipeline's outputs are transactional.
 *
 * @param distributed distributed mode (configs, offsets and status in Kafka topics, workers in a
 *     group) instead of standalone (one worker, source offsets in a file)
 * @param bootstrapServers the Kafka cluster
 * @param schemaRegistryUrl the registry the Avro converter reads schemas from
 * @param dataDir where a standalone worker keeps its offsets file
 * @param restHost address Connect's REST API (and its {@code /metrics}) listens on, e.g. 127.0.0.1 or 0.0.0.0
 * @param restPort port of Connect's REST API (0 = any free port)
 * @param groupId distributed mode: the worker group, also the prefix of its internal topics
 * @param replicationFactor distributed mode: replication of the internal topics
 * @param overrides any worker setting, applied last
 */
public record WorkerSettings(
        boolean distributed,
        String bootstrapServers,
        String schemaRegistryUrl,
        Path dataDir,
        String restHost,
        int restPort,
        String groupId,
        short replicationFactor,
        Map<String, String> overrides) {

    public WorkerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(restHost, "restHost");
        Objects.requireNonNull(groupId, "groupId");
        overrides = Map.copyOf(overrides);
        if (restPort < 0 || restPort > 65_535) {
            throw new IllegalArgumentException("REST port " + restPort + " is not between 0 and 65535");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, not " + replicationFactor);
        }
    }

    /** One standalone worker on loopback, REST on any free port: local runs and tests. */
    public static WorkerSettings local(String bootstrapServers, String schemaRegistryUrl, Path dataDir) {
        return new WorkerSettings(
                false,
                bootstrapServers,
                schemaRegistryUrl,
                dataDir,
                "127.0.0.1",
                0,
                "alluse-connect",
                (short) 1,
                Map.of());
    }

    /** These settings with the given worker settings applied last (replacing the overrides). */
    public WorkerSettings withOverrides(Map<String, String> newOverrides) {
        return new WorkerSettings(
                distributed,
                bootstrapServers,
                schemaRegistryUrl,
                dataDir,
                restHost,
                restPort,
                groupId,
                replicationFactor,
                newOverrides);
    }

    /** Connect's worker properties. */
    public Map<String, String> toProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("listeners", "http://" + restHost + ":" + restPort);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", AllUseAvroConverter.class.getName());
        props.put("value.converter.schema.registry.url", schemaRegistryUrl);
        props.put("consumer.isolation.level", "read_committed");
        // Lets a connector's own consumer.override.* settings through (e.g. max.poll.records).
        props.put("connector.client.config.override.policy", "All");
        // GET /metrics on the REST server: Connect's metrics for Prometheus.
        props.put("rest.extension.classes", ConnectMetricsExtension.class.getName());
        // The plugins are on the classpath with service manifests: no slow reflective scan.
        props.put("plugin.discovery", "service_load");
        if (distributed) {
            props.put("group.id", groupId);
            props.put("config.storage.topic", groupId + ".configs");
            props.put("offset.storage.topic", groupId + ".offsets");
            props.put("status.storage.topic", groupId + ".status");
            String replication = Short.toString(replicationFactor);
            props.put("config.storage.replication.factor", replication);
            props.put("offset.storage.replication.factor", replication);
            props.put("status.storage.replication.factor", replication);
        } else {
            props.put(
                    "offset.storage.file.filename",
                    dataDir.resolve("connect.offsets").toString());
        }
        props.putAll(overrides);
        return props;
    }
}
