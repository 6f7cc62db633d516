package com.alluse.streams.serde;

import com.alluse.streams.serde.internals.SchemaCompatibilityChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory, with Confluent's semantics: registry-wide ids (the same schema
 * text gets the same id under every subject), versions from 1 per subject, and per-subject
 * compatibility levels checked with Avro's {@link org.apache.avro.SchemaCompatibility} (default
 * BACKWARD: a new schema must read data written with the latest registered one).
 *
 * <p>{@code schema.registry.url=mock://<scope>} gives every serde in the JVM the one registry of
 * that scope ({@link #forScope}); tests start clean with {@link #dropScope}. The
 * {@link InMemorySchemaRegistryServer} serves one over HTTP to other processes.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    /** Default bound on the number of schema versions, so a runaway producer cannot exhaust the heap. */
    public static final int DEFAULT_MAX_VERSIONS = 10_000;
    /** Error code (ours; Confluent has none) for a registry that reached its bound. */
    public static final int REGISTRY_FULL = 42299;

    private static final int MAX_SCHEMA_OBJECTS_PER_SUBJECT = 64;

    private static final ConcurrentMap<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private record Version(RegisteredSchema registered, String text) {}

    private final int maxVersions;
    private final Map<String, List<Version>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> levelBySubject = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    /**
     * Per subject, the version each Schema object was found as, so that a serializer's every record
     * does not render its schema as text (Schema.toString was a fifth of a TopologyTestDriver run).
     * A hit is checked with equals, which sees props added since (the doc and fields cannot change).
     */
    private final Map<String, Map<Schema, Version>> versionsBySchemaObject = new HashMap<>();

    private CompatibilityLevel defaultLevel = CompatibilityLevel.BACKWARD;
    private int versionCount;

    public InMemorySchemaRegistry() {
        this(DEFAULT_MAX_VERSIONS);
    }

    public InMemorySchemaRegistry(int maxVersions) {
        if (maxVersions < 1) {
            throw new IllegalArgumentException("maxVersions must be >= 1");
        }
        this.maxVersions = maxVersions;
    }

    /** The JVM-wide registry of {@code mock://scope}, created on first use. */
    public static InMemorySchemaRegistry forScope(String scope) {
        Objects.requireNonNull(scope, "scope");
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets the registry of {@code mock://scope}; the next use of the scope starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        requireSubject(subject);
        Version known = knownVersion(subject, schema);
        if (known != null) {
            return known.registered().id();
        }
        String text = schema.toString();
        List<Version> versions = versionsBySubject.getOrDefault(subject, List.of());
        for (Version version : versions) {
            if (version.text().equals(text)) {
                return remember(subject, schema, version).registered().id();
            }
        }
        List<String> problems = SchemaCompatibilityChecker.problems(
                compatibility(subject),
                schema,
                versions.stream().map(v -> v.registered().schema()).toList());
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException(
                    subject, compatibility(subject) + " check failed: " + String.join("; ", problems));
        }
        if (versionCount >= maxVersions) {
            throw new SchemaRegistryException(
                    "In-memory schema registry is full (" + maxVersions + " schema versions); cannot register under '"
                            + subject + "'",
                    422,
                    REGISTRY_FULL);
        }
        // Stores its own parsed copy: the caller's Schema object stays mutable (addProp).
        Schema copy = RegistryJson.parseSchema(text);
        int id = idsBySchemaText.computeIfAbsent(text, t -> idsBySchemaText.size() + 1);
        schemasById.putIfAbsent(id, copy);
        RegisteredSchema registered = new RegisteredSchema(subject, id, versions.size() + 1, copy);
        Version version = new Version(registered, text);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(version);
        versionCount++;
        return remember(subject, schema, version).registered().id();
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        Version known = knownVersion(subject, schema);
        if (known != null) {
            return known.registered().id();
        }
        String text = schema.toString();
        return versions(subject).stream()
                .filter(v -> v.text().equals(text))
                .findFirst()
                .map(v -> remember(subject, schema, v).registered().id())
                .orElseThrow(() -> SchemaNotFoundException.schemaInSubject(subject));
    }

    private Version knownVersion(String subject, Schema schema) {
        Map<Schema, Version> known = versionsBySchemaObject.get(subject);
        Version version = known == null ? null : known.get(schema);
        return version != null && version.registered().schema().equals(schema) ? version : null;
    }

    /** Bounded per subject: a caller parsing a new Schema object per record falls back to comparing text. */
    private Version remember(String subject, Schema schema, Version version) {
        Map<Schema, Version> known = versionsBySchemaObject.computeIfAbsent(subject, s -> new IdentityHashMap<>());
        if (known.size() < MAX_SCHEMA_OBJECTS_PER_SUBJECT) {
            known.put(schema, version);
        }
        return version;
    }

    /** The registered version of {@code schema} under {@code subject}. */
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        int id = getId(subject, schema);
        return versions(subject).stream()
                .map(Version::registered)
                .filter(r -> r.id() == id)
                .findFirst()
                .orElseThrow();
    }

    @Override
    public synchronized Schema getSchemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw SchemaNotFoundException.schemaId(id);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatestVersion(String subject) {
        List<Version> versions = versions(subject);
        return versions.get(versions.size() - 1).registered();
    }

    /** Every version under {@code subject}, oldest first. */
    public synchronized List<RegisteredSchema> getAllVersions(String subject) {
        return versions(subject).stream().map(Version::registered).toList();
    }

    /** The subjects with at least one version, sorted. */
    public synchronized List<String> subjects() {
        return List.copyOf(new TreeSet<>(versionsBySubject.keySet()));
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        requireSubject(subject);
        levelBySubject.put(subject, Objects.requireNonNull(level, "level"));
    }

    /** The level enforced for {@code subject}: its own, else the registry default. */
    public synchronized CompatibilityLevel compatibility(String subject) {
        return levelBySubject.getOrDefault(subject, defaultLevel);
    }

    public synchronized CompatibilityLevel defaultCompatibility() {
        return defaultLevel;
    }

    public synchronized void setDefaultCompatibility(CompatibilityLevel level) {
        defaultLevel = Objects.requireNonNull(level, "level");
    }

    /** Nothing to release: a scope's registry outlives the serdes that use it (see {@link #dropScope}). */
    @Override
    public void close() {}

    private List<Version> versions(String subject) {
        List<Version> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw SchemaNotFoundException.subject(subject);
        }
        return versions;
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new SchemaRegistryException("Subject must not be empty", 422, 422);
        }
    }
}
