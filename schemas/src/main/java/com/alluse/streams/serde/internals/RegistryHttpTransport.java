package com.alluse.streams.serde.internals;

import com.alluse.streams.serde.RegistryJson;
import com.alluse.streams.serde.SchemaRegistryConfig;
import com.alluse.streams.serde.SchemaRegistryConfig.CredentialsSource;
import com.alluse.streams.serde.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends registry requests with timeouts, basic auth, failover over several base URLs and bounded
 * retries. Only I/O errors and HTTP 5xx are retried: a 4xx answer is the registry's final word.
 */
public final class RegistryHttpTransport {
    private static final Logger log = LoggerFactory.getLogger(RegistryHttpTransport.class);
    private static final String ACCEPT =
            RegistryJson.CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    /** An HTTP answer below 500. */
    public record Response(int status, String body, URI url) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /** A base URL without user info, and the Authorization header to send to it (or null). */
    private record Endpoint(URI baseUrl, String authorization) {}

    private final List<Endpoint> endpoints;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    // Index of the endpoint that answered last: later requests start there instead of re-probing dead ones.
    private volatile int preferred;

    public RegistryHttpTransport(SchemaRegistryConfig config) {
        this.endpoints = endpoints(config);
        this.http = HttpClient.newBuilder()
                // The JDK's HttpServer and some proxies handle HTTP/2 upgrade poorly; the API needs none of it.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = Duration.ofMillis(config.requestTimeoutMs());
        this.retryPolicy = new RetryPolicy(config.maxRetries(), config.retryBackoffMs(), config.retryBackoffMaxMs());
    }

    /**
     * Sends {@code method path} with an optional JSON body. An unreachable base URL is skipped at once
     * for the next; after a pass over all of them, or after an HTTP 5xx, the request is retried after a
     * backoff, at most {@code max.retries} times.
     *
     * @return the first answer below 500
     * @throws SchemaRegistryException when every attempt failed
     */
    public Response send(String method, String path, String jsonBody) {
        String lastFailure = "no attempt";
        Exception lastCause = null;
        int attempts = retryPolicy.maxRetries() + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleep(retryPolicy.backoffMs(attempt - 1));
            }
            int start = preferred;
            for (int i = 0; i < endpoints.size(); i++) {
                int index = (start + i) % endpoints.size();
                Endpoint endpoint = endpoints.get(index);
                try {
                    HttpResponse<String> response = http.send(
                            request(endpoint, method, path, jsonBody),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    preferred = index;
                    if (response.statusCode() < 500) {
                        return new Response(response.statusCode(), response.body(), response.uri());
                    }
                    lastFailure = "HTTP " + response.statusCode() + " from " + endpoint.baseUrl() + ": "
                            + RegistryJson.parseError(response.body()).message();
                    lastCause = null;
                    break; // the registry is reachable but failing: back off before asking again
                } catch (IOException e) {
                    lastFailure = e.getClass().getSimpleName() + " from " + endpoint.baseUrl()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage());
                    lastCause = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptException(e);
                }
            }
            log.debug("Schema registry {} {} attempt {}/{} failed: {}", method, path, attempt, attempts, lastFailure);
        }
        String message = "Schema registry request " + method + " " + path + " failed after " + attempts
                + " attempt(s) (max.retries=" + retryPolicy.maxRetries() + "): " + lastFailure;
        throw lastCause == null
                ? new SchemaRegistryException(message, 0, 0)
                : new SchemaRegistryException(message, lastCause);
    }

    private HttpRequest request(Endpoint endpoint, String method, String path, String jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT)
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            builder.header("Content-Type", RegistryJson.CONTENT_TYPE);
        }
        if (endpoint.authorization() != null) {
            builder.header("Authorization", endpoint.authorization());
        }
        return builder.build();
    }

    private static List<Endpoint> endpoints(SchemaRegistryConfig config) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (URI url : config.urls()) {
            String userInfo = config.credentialsSource() == CredentialsSource.USER_INFO
                    ? config.basicAuthUserInfo()
                    : url.getUserInfo();
            URI withoutUserInfo = url.getRawUserInfo() == null
                    ? url
                    : URI.create(url.toString().replace(url.getRawUserInfo() + "@", ""));
            endpoints.add(new Endpoint(withoutUserInfo, userInfo == null ? null : basicAuth(userInfo)));
        }
        return List.copyOf(endpoints);
    }

    private static String basicAuth(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }
}
