package com.alluse.streams.localstack;

import com.alluse.streams.serde.CompatibilityLevel;
import com.alluse.streams.serde.InMemorySchemaRegistry;
import com.alluse.streams.serde.RegisteredSchema;
import com.alluse.streams.serde.RegistryJson;
import com.alluse.streams.serde.SchemaRegistryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link InMemorySchemaRegistry} with the Confluent Schema Registry REST API subset the
 * serdes use, with Confluent's JSON bodies and error codes.
 */
public final class RegistryHttpHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);
    // Schemas are a few KiB; a bound stops a broken client from filling the heap.
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final InMemorySchemaRegistry registry;
    private final String requiredAuthorization;
    private final AtomicLong requestCount = new AtomicLong();

    /** @param requiredAuthorization the exact Authorization header to demand, or null for none */
    public RegistryHttpHandler(InMemorySchemaRegistry registry, String requiredAuthorization) {
        this.registry = registry;
        this.requiredAuthorization = requiredAuthorization;
    }

    public long requestCount() {
        return requestCount.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        requestCount.incrementAndGet();
        try (exchange) {
            if (requiredAuthorization != null
                    && !requiredAuthorization.equals(
                            exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"schema-registry\"");
                respond(exchange, 401, RegistryJson.errorBody(401, "Unauthorized"));
                return;
            }
            Answer answer;
            try {
                answer = route(
                        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                        segments(exchange.getRequestURI().getRawPath()),
                        exchange);
            } catch (SchemaRegistryException e) {
                int status = e.httpStatus() == 0 ? 500 : e.httpStatus();
                answer = new Answer(
                        status, RegistryJson.errorBody(e.errorCode() == 0 ? status : e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                log.warn(
                        "In-memory schema registry failed on {} {}",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        e);
                answer = new Answer(
                        500, RegistryJson.errorBody(SchemaRegistryException.INTERNAL_SERVER_ERROR, e.toString()));
            }
            respond(exchange, answer.status(), answer.body());
        }
    }

    private record Answer(int status, String body) {
        static Answer ok(JsonNode body) {
            return new Answer(200, RegistryJson.write(body));
        }
    }

    private Answer route(String method, List<String> path, HttpExchange exchange) throws IOException {
        String first = path.isEmpty() ? "" : path.get(0);
        if (first.equals("subjects")) {
            return routeSubjects(method, path, exchange);
        }
        if (first.equals("schemas") && path.size() == 3 && path.get(1).equals("ids")) {
            requireMethod(method, "GET");
            return getSchemaById(path.get(2));
        }
        if (first.equals("config") && path.size() <= 2) {
            return routeConfig(method, path.size() == 2 ? path.get(1) : null, exchange);
        }
        return notFound(path);
    }

    private Answer routeSubjects(String method, List<String> path, HttpExchange exchange) throws IOException {
        if (path.size() == 1) {
            requireMethod(method, "GET");
            ArrayNode subjects = RegistryJson.object().arrayNode();
            registry.subjects().forEach(subjects::add);
            return new Answer(200, RegistryJson.write(subjects));
        }
        String subject = path.get(1);
        if (path.size() == 2) {
            requireMethod(method, "POST");
            RegisteredSchema found =
                    registry.lookup(subject, RegistryJson.requiredAvroSchema(body(exchange), "request"));
            return Answer.ok(versionJson(found));
        }
        if (path.size() == 3 && path.get(2).equals("versions")) {
            if (method.equals("POST")) {
                int id = registry.register(subject, RegistryJson.requiredAvroSchema(body(exchange), "request"));
                return Answer.ok(RegistryJson.object().put("id", id));
            }
            requireMethod(method, "GET");
            ArrayNode versions = RegistryJson.object().arrayNode();
            registry.getAllVersions(subject).forEach(v -> versions.add(v.version()));
            return new Answer(200, RegistryJson.write(versions));
        }
        if (path.size() == 4 && path.get(2).equals("versions") && path.get(3).equals("latest")) {
            requireMethod(method, "GET");
            return Answer.ok(versionJson(registry.getLatestVersion(subject)));
        }
        return notFound(path);
    }

    private Answer routeConfig(String method, String subject, HttpExchange exchange) throws IOException {
        if (method.equals("PUT")) {
            CompatibilityLevel level =
                    level(body(exchange).path("compatibility").asText(""));
            if (subject == null) {
                registry.setDefaultCompatibility(level);
            } else {
                registry.setCompatibility(subject, level);
            }
            return Answer.ok(RegistryJson.object().put("compatibility", level.name()));
        }
        requireMethod(method, "GET");
        CompatibilityLevel level = subject == null ? registry.defaultCompatibility() : registry.compatibility(subject);
        return Answer.ok(RegistryJson.object().put("compatibilityLevel", level.name()));
    }

    private Answer getSchemaById(String rawId) {
        int id;
        try {
            id = Integer.parseInt(rawId);
        } catch (NumberFormatException e) {
            return new Answer(404, RegistryJson.errorBody(40403, "Schema " + rawId + " not found."));
        }
        return Answer.ok(
                RegistryJson.object().put("schema", registry.getSchemaById(id).toString()));
    }

    private static ObjectNode versionJson(RegisteredSchema registered) {
        return RegistryJson.object()
                .put("subject", registered.subject())
                .put("id", registered.id())
                .put("version", registered.version())
                .put("schema", registered.schema().toString());
    }

    private static CompatibilityLevel level(String name) {
        try {
            return CompatibilityLevel.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException(
                    "Invalid compatibility level: '" + name + "'",
                    422,
                    SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL);
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new SchemaRegistryException("Request body larger than " + MAX_BODY_BYTES + " bytes", 413, 413);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            try {
                return RegistryJson.parseObject(text, "request body");
            } catch (SchemaRegistryException e) {
                throw new SchemaRegistryException(e.getMessage(), 400, 400);
            }
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new SchemaRegistryException("HTTP 405 Method Not Allowed: use " + allowed, 405, 405);
        }
    }

    private static Answer notFound(List<String> path) {
        return new Answer(404, RegistryJson.errorBody(404, "HTTP 404 Not Found: /" + String.join("/", path)));
    }

    /** Decoded path segments; a subject may contain any character once percent-encoded. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                // URLDecoder turns '+' into a space; in a path '+' is literal.
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", RegistryJson.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
