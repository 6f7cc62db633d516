package com.alluse.streams.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Relays a read to the instance that owns the key, bounded in time; empty when that instance does not answer. */
final class Forwarder {
    static final String FORWARDED_HEADER = "X-Alluse-Forwarded";
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final List<String> RELAYED_REQUEST_HEADERS = List.of("Authorization", ConsistencyHeaders.TOKEN);

    private final HttpClient client;
    private final String scheme;
    private final Duration timeout;

    Forwarder(Duration timeout, SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
        this.scheme = sslContext == null ? "http" : "https";
        this.timeout = timeout;
    }

    static boolean isForwarded(Context ctx) {
        return ctx.header(FORWARDED_HEADER) != null;
    }

    Optional<HttpResponse<byte[]>> forward(HostInfo owner, Context ctx) {
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(scheme + "://" + owner.host() + ":" + owner.port() + ctx.path() + query))
                .timeout(timeout)
                .header(FORWARDED_HEADER, "1")
                .GET();
        for (String header : RELAYED_REQUEST_HEADERS) {
            String value = ctx.header(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            return Optional.of(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            LOG.debug("Owner {}:{} did not answer: {}", owner.host(), owner.port(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
