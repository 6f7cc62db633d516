package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The published OpenAPI document describes exactly the routes the server registers, with their roles. */
class OpenApiTest {
    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static JsonNode document;

    @BeforeAll
    static void readDocument() throws IOException {
        try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
            assertThat(in).as("openapi.json on the classpath next to ApiServer").isNotNull();
            document = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void documentIsAnOpenApi3JsonObjectWithInfoAndPaths() {
        assertThat(document.isObject()).isTrue();
        assertThat(document.path("openapi").asText()).matches("3\\.\\d+\\.\\d+");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        assertThat(document.path("info").path("version").asText()).isNotBlank();
        assertThat(document.path("paths").isObject()).isTrue();
        assertThat(document.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asText())
                .isEqualTo("bearer");
    }

    @Test
    void documentedOperationsAreExactlyTheRegisteredRoutes() {
        Set<String> documented = operations().keySet();
        Set<String> registered = ApiRoutes.ALL.stream().map(OpenApiTest::key).collect(Collectors.toSet());

        assertThat(documented).as("operations in openapi.json").containsExactlyInAnyOrderElementsOf(registered);
        assertThat(ApiRoutes.ALL).as("no route registered twice").doesNotHaveDuplicates();
    }

    @Test
    void everyOperationsRequiredRoleIsTheRoutesRole() {
        Map<String, JsonNode> operations = operations();
        for (ApiRoutes.Route route : ApiRoutes.ALL) {
            JsonNode operation = operations.get(key(route));
            assertThat(operation).as("operation %s", key(route)).isNotNull();
            JsonNode role = operation.get("x-required-role");
            JsonNode security = operation.get("security");
            if (route.role() == null) {
                assertThat(role)
                        .as("x-required-role of open route %s", key(route))
                        .isNull();
                assertThat(security).as("security of open route %s", key(route)).isNotNull();
                assertThat(security.isArray() && security.isEmpty())
                        .as("open route %s declares security: []", key(route))
                        .isTrue();
            } else {
                assertThat(role).as("x-required-role of %s", key(route)).isNotNull();
                assertThat(role.asText())
                        .as("x-required-role of %s", key(route))
                        .isEqualTo(route.role().name());
                assertThat(security).as("security of %s", key(route)).isNotNull();
                assertThat(security.toString()).as("security of %s", key(route)).contains("\"bearer\"");
                assertThat(operation.path("responses").has("401"))
                        .as("%s documents 401", key(route))
                        .isTrue();
                assertThat(operation.path("responses").has("403"))
                        .as("%s documents 403", key(route))
                        .isTrue();
            }
        }
    }

    @Test
    void everyPathTemplateParameterIsDeclaredAsARequiredPathParameter() {
        operations().forEach((key, operation) -> {
            String path = key.substring(key.indexOf(' ') + 1);
            Set<String> templated = java.util.regex.Pattern.compile("\\{([^}]+)}")
                    .matcher(path)
                    .results()
                    .map(match -> match.group(1))
                    .collect(Collectors.toSet());
            Set<String> declared = new java.util.HashSet<>();
            for (JsonNode parameter : operation.path("parameters")) {
                if ("path".equals(parameter.path("in").asText())) {
                    assertThat(parameter.path("required").asBoolean())
                            .as("path parameter %s of %s is required", parameter.path("name"), key)
                            .isTrue();
                    declared.add(parameter.path("name").asText());
                }
            }
            assertThat(declared).as("path parameters of %s", key).isEqualTo(templated);
        });
    }

    @Test
    void healthAnswersAreDocumentedAsTheHealthBodyNotAsProblems() {
        for (String path : new String[] {"/health/live", "/health/ready"}) {
            JsonNode responses = document.path("paths").path(path).path("get").path("responses");
            for (String status : new String[] {"200", "503"}) {
                assertThat(responses
                                .path(status)
                                .path("content")
                                .path("application/json")
                                .path("schema")
                                .path("$ref")
                                .asText())
                        .as("%s %s", path, status)
                        .isEqualTo("#/components/schemas/Health");
            }
        }
    }

    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").properties().iterator();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods =
                            path.getValue().properties().iterator();
                    methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (HTTP_METHODS.contains(method.getKey())) {
                    String key = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    seen.merge(key, 1, Integer::sum);
                    operations.put(key, method.getValue());
                }
            }
        }
        assertThat(seen.values()).as("each operation once").allMatch(count -> count == 1);
        return operations;
    }

    private static String key(ApiRoutes.Route route) {
        return route.method().name().toUpperCase(Locale.ROOT) + " " + route.path();
    }
}
