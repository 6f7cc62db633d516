package com.alluse.streams.localstack;

import com.alluse.streams.serde.InMemorySchemaRegistry;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link InMemorySchemaRegistry} served over HTTP with the Confluent REST API, so that separate
 * processes (a local run's producer, streams app and consumer) share one registry without a real
 * one. Point the serdes at {@link #url()}.
 *
 * <pre>{@code
 * try (InMemorySchemaRegistryServer registry = InMemorySchemaRegistryServer.start("127.0.0.1", 0)) {
 *     Map<String, Object> config = Map.of("schema.registry.url", registry.url());
 *     ...
 * }
 * }</pre>
 */
public final class InMemorySchemaRegistryServer implements AutoCloseable {
    private static final int WORKER_THREADS = 4;
    // Beyond this backlog the dispatcher thread runs requests itself, which slows accepting: back-pressure.
    private static final int QUEUED_REQUESTS = 256;
    private static final long SHUTDOWN_WAIT_MS = 5_000;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final RegistryHttpHandler handler;
    private final InMemorySchemaRegistry registry;
    private final String url;

    private InMemorySchemaRegistryServer(
            HttpServer server,
            ThreadPoolExecutor executor,
            RegistryHttpHandler handler,
            InMemorySchemaRegistry registry,
            String host) {
        this.server = server;
        this.executor = executor;
        this.handler = handler;
        this.registry = registry;
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.getAddress().getPort();
    }

    /** Starts a server with a new, empty registry; {@code port} 0 picks a free port. */
    public static InMemorySchemaRegistryServer start(String host, int port) {
        return start(host, port, new InMemorySchemaRegistry(), null);
    }

    /**
     * Starts a server for {@code registry}.
     *
     * @param host the address to bind, e.g. 127.0.0.1
     * @param port the port, 0 for a free one
     * @param basicAuthUserInfo {@code user:password} to demand from clients (HTTP 401 otherwise), or null
     */
    public static InMemorySchemaRegistryServer start(
            String host, int port, InMemorySchemaRegistry registry, String basicAuthUserInfo) {
        // Without TCP_NODELAY each small response waits ~40 ms for a delayed ACK (Nagle). The JDK reads
        // this once, when the first HttpServer is created in the JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        String authorization = basicAuthUserInfo == null
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
        RegistryHttpHandler handler = new RegistryHttpHandler(registry, authorization);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                WORKER_THREADS,
                WORKER_THREADS,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS),
                daemonThreads(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext("/", handler);
            server.setExecutor(executor);
            server.start();
            InetAddress bound = server.getAddress().getAddress();
            String urlHost =
                    bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : host;
            return new InMemorySchemaRegistryServer(server, executor, handler, registry, urlHost);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot start the in-memory schema registry on " + host + ":" + port, e);
        }
    }

    /** Base URL for {@code schema.registry.url}, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The registry this server serves (to inspect or seed it in-process). */
    public InMemorySchemaRegistry registry() {
        return registry;
    }

    /** Requests received so far, including refused ones. */
    public long requestCount() {
        return handler.requestCount();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "in-memory-schema-registry-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
