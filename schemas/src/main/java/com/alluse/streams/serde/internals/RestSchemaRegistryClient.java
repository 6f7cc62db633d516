package com.alluse.streams.serde.internals;

import com.alluse.streams.serde.CompatibilityLevel;
import com.alluse.streams.serde.IncompatibleSchemaException;
import com.alluse.streams.serde.RegisteredSchema;
import com.alluse.streams.serde.RegistryJson;
import com.alluse.streams.serde.SchemaNotFoundException;
import com.alluse.streams.serde.SchemaRegistryClient;
import com.alluse.streams.serde.SchemaRegistryConfig;
import com.alluse.streams.serde.SchemaRegistryException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, with bounded LRU caches
 * so that steady-state serialization makes no HTTP calls.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {}

    private record CachedLatest(RegisteredSchema latest, long fetchedAtNanos) {}

    private final RegistryHttpTransport transport;
    private final LruCache<SubjectSchema, Integer> idsBySubjectSchema;
    private final LruCache<Integer, Schema> schemasById;
    private final LruCache<String, CachedLatest> latestBySubject;
    private final long latestTtlNanos;

    public RestSchemaRegistryClient(SchemaRegistryConfig config) {
        if (config.isMock()) {
            throw new IllegalArgumentException("mock:// URLs use InMemorySchemaRegistry, not the REST client");
        }
        this.transport = new RegistryHttpTransport(config);
        this.idsBySubjectSchema = new LruCache<>(config.cacheCapacity());
        this.schemasById = new LruCache<>(config.cacheCapacity());
        this.latestBySubject = new LruCache<>(config.cacheCapacity());
        this.latestTtlNanos = config.latestCacheTtlMs() < 0 ? -1 : config.latestCacheTtlMs() * 1_000_000;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String path = "/subjects/" + encode(subject) + "/versions";
        JsonNode body = call("POST", path, RegistryJson.schemaRequest(schema), subject);
        int id = RegistryJson.requiredInt(body, "id", "register response of subject '" + subject + "'");
        remember(key, id);
        return id;
    }

    @Override
    public int getId(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode body = call("POST", "/subjects/" + encode(subject), RegistryJson.schemaRequest(schema), subject);
        int id = RegistryJson.requiredInt(body, "id", "lookup response of subject '" + subject + "'");
        remember(key, id);
        return id;
    }

    @Override
    public Schema getSchemaById(int id) {
        return schemasById.computeIfAbsent(id, ignored -> {
            JsonNode body = call("GET", "/schemas/ids/" + id, null, null);
            return RegistryJson.requiredAvroSchema(body, "schema " + id);
        });
    }

    @Override
    public RegisteredSchema getLatestVersion(String subject) {
        CachedLatest cached = latestBySubject.get(subject);
        if (cached != null && (latestTtlNanos < 0 || System.nanoTime() - cached.fetchedAtNanos() < latestTtlNanos)) {
            return cached.latest();
        }
        JsonNode body = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null, subject);
        String what = "latest version of subject '" + subject + "'";
        Schema schema = RegistryJson.requiredAvroSchema(body, what);
        RegisteredSchema latest = new RegisteredSchema(
                subject,
                RegistryJson.requiredInt(body, "id", what),
                RegistryJson.requiredInt(body, "version", what),
                schema);
        latestBySubject.put(subject, new CachedLatest(latest, System.nanoTime()));
        schemasById.put(latest.id(), schema);
        return latest;
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        String body = RegistryJson.write(RegistryJson.object().put("compatibility", level.name()));
        call("PUT", "/config/" + encode(subject), body, subject);
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() on Java 17; its threads end once it is unreachable.
        idsBySubjectSchema.clear();
        schemasById.clear();
        latestBySubject.clear();
    }

    /** Number of cached id-to-schema entries (for tests of the cache bound). */
    public int cachedSchemaCount() {
        return schemasById.size();
    }

    /** Number of cached (subject, schema)-to-id entries (for tests of the cache bound). */
    public int cachedIdCount() {
        return idsBySubjectSchema.size();
    }

    private void remember(SubjectSchema key, int id) {
        idsBySubjectSchema.put(key, id);
        schemasById.put(id, key.schema());
    }

    private JsonNode call(String method, String path, String jsonBody, String subject) {
        RegistryHttpTransport.Response response = transport.send(method, path, jsonBody);
        if (response.isSuccess()) {
            return RegistryJson.parseObject(response.body(), method + " " + path);
        }
        throw failure(method, path, subject, response);
    }

    private static SchemaRegistryException failure(
            String method, String path, String subject, RegistryHttpTransport.Response response) {
        RegistryJson.ErrorBody error = RegistryJson.parseError(response.body());
        int status = response.status();
        if (status == IncompatibleSchemaException.CONFLICT && subject != null) {
            return new IncompatibleSchemaException(subject, error.message());
        }
        if (status == SchemaNotFoundException.NOT_FOUND) {
            return new SchemaNotFoundException(
                    error.message() + " (" + method + " " + path + ")",
                    error.errorCode() == 0 ? SchemaNotFoundException.NOT_FOUND : error.errorCode());
        }
        String hint =
                status == 401 || status == 403 ? " (check basic.auth.user.info / basic.auth.credentials.source)" : "";
        return new SchemaRegistryException(
                "Schema registry answered HTTP " + status
                        + (error.errorCode() == 0 ? "" : " (error_code " + error.errorCode() + ")")
                        + " to " + method + " " + response.url() + hint + ": " + error.message(),
                status,
                error.errorCode());
    }

    /** Encodes a subject as one path segment ({@link URLEncoder} is for forms: '+' must become %20). */
    static String encode(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("subject must not be empty");
        }
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
