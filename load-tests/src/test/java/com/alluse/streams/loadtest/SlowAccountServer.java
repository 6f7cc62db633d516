package com.alluse.streams.loadtest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** A local server answering GET /accounts/... with 200 after at least a given service time. */
final class SlowAccountServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong answered = new AtomicLong();

    SlowAccountServer(long serviceMs) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/accounts/", exchange -> {
            try {
                Thread.sleep(serviceMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            answered.incrementAndGet();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    long answered() {
        return answered.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
