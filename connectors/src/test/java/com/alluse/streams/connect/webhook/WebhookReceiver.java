package com.alluse.streams.connect.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback (JDK HTTP server) that answers each request as its script says, records every request, and keeps the events it accepted deduplicated by Idempotency-Key.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** How to answer one request: wait {@code delayMs}, then answer {@code status}. */
    public record Answer(int status, long delayMs) {
        public static Answer ok() {
            return new Answer(200, 0);
        }
    }

    /** Decides the answer to request {@code n} (from 1). */
    @FunctionalInterface
    public interface Script {
        Answer answer(int n, Request request);
    }

    /** One request as received. */
    public record Request(String idempotencyKey, String eventType, String signature, byte[] body) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final AtomicInteger requestCount = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Request> accepted = new ConcurrentHashMap<>();
    private final Script script;

    private WebhookReceiver(Script script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/hooks", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookReceiver start(Script script) throws IOException {
        return new WebhookReceiver(script);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Request request = new Request(
                    exchange.getRequestHeaders().getFirst(WebhookClient.IDEMPOTENCY_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookClient.EVENT_TYPE_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER),
                    body);
            requests.add(request);
            Answer answer = script.answer(requestCount.incrementAndGet(), request);
            if (answer.delayMs() > 0) {
                Thread.sleep(answer.delayMs()); // the slow receiver under test, not synchronisation
            }
            if (answer.status() / 100 == 2 && request.idempotencyKey() != null) {
                accepted.putIfAbsent(request.idempotencyKey(), request);
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every request received, in arrival order, duplicates and failed ones included. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Accepted events by idempotency key: what a deduplicating receiver keeps. */
    public Map<String, Request> accepted() {
        return Map.copyOf(accepted);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
