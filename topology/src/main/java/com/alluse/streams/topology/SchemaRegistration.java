package com.alluse.streams.topology;

import com.alluse.streams.client.PipelineTopics;
import com.alluse.streams.client.PipelineTopics.ValueType;
import com.alluse.streams.client.TopicNames;
import com.alluse.streams.serde.CompatibilityLevel;
import com.alluse.streams.serde.IncompatibleSchemaException;
import com.alluse.streams.serde.RegisteredSchema;
import com.alluse.streams.serde.SchemaNotFoundException;
import com.alluse.streams.serde.SchemaRegistryClient;
import com.alluse.streams.serde.SchemaRegistryClients;
import com.alluse.streams.serde.SchemaRegistryConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this release's value schema of every pipeline topic, inputs included, under its
 * TopicNameStrategy subject, so that producers with {@code auto.register.schemas=false} (in any
 * language) can write from the first minute; and reports what the registry holds.
 *
 * <p>The registry's compatibility check applies: a subject whose registered versions refuse this
 * release's schema stops the registration with {@link IncompatibleSchemaException}, naming the
 * subject and what is registered. A subject the registration creates is set to {@link
 * #NEW_SUBJECT_COMPATIBILITY} first; an existing subject keeps the level its owner chose.
 */
public final class SchemaRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistration.class);

    /** The rule of the schema evolution guard: old and new readers read each other's data. */
    public static final CompatibilityLevel NEW_SUBJECT_COMPATIBILITY = CompatibilityLevel.FULL;

    /**
     * What the registry holds under one public subject.
     *
     * @param releaseSchemaId the id of this release's schema under the subject, if registered there
     * @param latest the subject's latest version, if the subject exists
     */
    public record SubjectStatus(ValueType type, OptionalInt releaseSchemaId, Optional<RegisteredSchema> latest) {
        /** Whether a producer using the latest version writes exactly this release's schema. */
        public boolean latestIsRelease() {
            return releaseSchemaId.isPresent()
                    && latest.isPresent()
                    && latest.get().id() == releaseSchemaId.getAsInt();
        }
    }

    private final SchemaRegistryClient registry;
    private final TopicNames topics;

    SchemaRegistration(SchemaRegistryClient registry, TopicNames topics) {
        this.registry = registry;
        this.topics = topics;
    }

    /** A registration with its own registry client, configured from Confluent-named serde settings. */
    public static SchemaRegistration open(Map<String, ?> serdeConfig, TopicNames topics) {
        Map<String, Object> config = new HashMap<>(serdeConfig);
        // Latest versions are read right after registering: a cached one would report the version before.
        config.put(SchemaRegistryConfig.LATEST_CACHE_TTL_SEC, 0);
        return new SchemaRegistration(SchemaRegistryClients.create(SchemaRegistryConfig.fromMap(config)), topics);
    }

    /**
     * Registers every public schema (idempotent: a registered schema keeps its id).
     *
     * @throws IncompatibleSchemaException if a subject's compatibility rule refuses this release's schema
     */
    public List<SubjectStatus> registerAll() {
        return PipelineTopics.valueTypes(topics).stream().map(this::register).toList();
    }

    /** What the registry holds under every public subject, registering nothing. */
    public List<SubjectStatus> list() {
        return PipelineTopics.valueTypes(topics).stream()
                .map(type -> new SubjectStatus(type, releaseId(type), latest(type.subject())))
                .toList();
    }

    private SubjectStatus register(ValueType type) {
        String subject = type.subject();
        Optional<RegisteredSchema> before = latest(subject);
        if (before.isEmpty()) {
            registry.setCompatibility(subject, NEW_SUBJECT_COMPATIBILITY);
        }
        int id;
        try {
            id = registry.register(subject, type.schema());
        } catch (IncompatibleSchemaException e) {
            throw new IncompatibleSchemaException(subject, refusal(type, before, e));
        }
        Optional<RegisteredSchema> latest = latest(subject);
        LOG.info(
                "Schema {} registered under {} with id {} (latest version {})",
                type.schema().getFullName(),
                subject,
                id,
                latest.map(RegisteredSchema::version).orElse(0));
        return new SubjectStatus(type, OptionalInt.of(id), latest);
    }

    private static String refusal(ValueType type, Optional<RegisteredSchema> latest, IncompatibleSchemaException e) {
        String registered = latest.map(l -> "version " + l.version() + " (id " + l.id() + ", "
                        + l.schema().getFullName() + ")")
                .orElse("no version");
        return "this release's " + type.schema().getFullName() + " is refused (latest registered: " + registered
                + "): " + e.registryMessage()
                + ". Deploy a release whose schemas are compatible with what is registered, or have the"
                + " registry's owner remove the incompatible version (schemas/README.md, 'Evolving a schema').";
    }

    private OptionalInt releaseId(ValueType type) {
        try {
            return OptionalInt.of(registry.getId(type.subject(), type.schema()));
        } catch (SchemaNotFoundException e) {
            return OptionalInt.empty();
        }
    }

    private Optional<RegisteredSchema> latest(String subject) {
        try {
            return Optional.of(registry.getLatestVersion(subject));
        } catch (SchemaNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
