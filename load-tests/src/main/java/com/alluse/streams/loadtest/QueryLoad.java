package com.alluse.streams.loadtest;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * N client threads, each on its own kept-alive connection, GET /accounts/{id} for random
 * accounts of opened portfolios, as fast as answers come, for a bounded time. The first
 * {@code warmup} is not measured (JIT, connection setup).
 */
final class QueryLoad {
    private static final int REQUEST_TIMEOUT_MS = 10_000;
    private static final int MAX_CONSECUTIVE_FAILURES = 50;
    private static final long FAILURE_PAUSE_MS = 100;
    private static final String[] ACCOUNTS = {"GEN", "REV", "COM"};

    private final int port;
    private final int portfolios;
    private final int clients;
    private final Duration warmup;
    private final Duration measured;

    QueryLoad(int port, int portfolios, int clients, Duration warmup, Duration measured) {
        if (clients < 1 || clients > 10_000) {
            throw new IllegalArgumentException("clients must be within 1..10000, got " + clients);
        }
        this.port = port;
        this.portfolios = portfolios;
        this.clients = clients;
        this.warmup = warmup;
        this.measured = measured;
    }

    QueryResult run(long seed) throws InterruptedException {
        long startNanos = System.nanoTime();
        long measureFromNanos = startNanos + warmup.toNanos();
        long endNanos = measureFromNanos + measured.toNanos();
        PerSecondCounter perSecond = new PerSecondCounter(measureFromNanos);
        List<Client> running = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Client client = new Client(new SplittableRandom(seed + i), measureFromNanos, endNanos, perSecond, done);
            Thread thread = new Thread(client, "query-client-" + i);
            thread.setDaemon(true);
            thread.start();
            running.add(client);
        }
        // Bounded: each client stops by itself at endNanos; a request may take up to its timeout beyond.
        if (!done.await(warmup.toMillis() + measured.toMillis() + 2L * REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            running.forEach(Client::stop);
            done.await(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        return summarise(running, perSecond);
    }

    private QueryResult summarise(List<Client> running, PerSecondCounter perSecond) {
        Histogram latency = LatencySummary.newHistogram();
        Map<Integer, Long> statuses = new TreeMap<>();
        long ioErrors = 0;
        long requests = 0;
        List<String> errors = new ArrayList<>();
        for (Client client : running) {
            synchronized (client) {
                latency.add(client.latencyMicros);
                client.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
                ioErrors += client.ioErrors;
                requests += client.requests;
                if (client.gaveUp != null && errors.size() < 10) {
                    errors.add(client.gaveUp);
                }
            }
        }
        long non200 = statuses.entrySet().stream()
                .filter(e -> e.getKey() != 200)
                .mapToLong(Map.Entry::getValue)
                .sum();
        if (non200 > 0) {
            errors.add(non200 + " responses other than 200: " + statuses);
        }
        if (ioErrors > 0) {
            errors.add(ioErrors + " requests without a response");
        }
        double seconds = measured.toNanos() / 1e9;
        return new QueryResult(
                clients,
                portfolios * 3,
                seconds,
                requests,
                requests / seconds,
                statuses,
                ioErrors,
                LatencySummary.of(latency),
                perSecond.perSecond(),
                errors);
    }

    private final class Client implements Runnable {
        private final SplittableRandom random;
        private final long measureFromNanos;
        private final long endNanos;
        private final PerSecondCounter perSecond;
        private final CountDownLatch done;
        private final Histogram latencyMicros = LatencySummary.newHistogram();
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private volatile boolean stopped;
        private long ioErrors;
        private long requests;
        private String gaveUp;

        Client(
                SplittableRandom random,
                long measureFromNanos,
                long endNanos,
                PerSecondCounter perSecond,
                CountDownLatch done) {
            this.random = random;
            this.measureFromNanos = measureFromNanos;
            this.endNanos = endNanos;
            this.perSecond = perSecond;
            this.done = done;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            int consecutiveFailures = 0;
            try (KeepAliveHttpClient http = new KeepAliveHttpClient("127.0.0.1", port, REQUEST_TIMEOUT_MS)) {
                while (!stopped && System.nanoTime() < endNanos) {
                    String path = "/accounts/" + CommandGenerator.portfolioId(random.nextInt(portfolios)) + ":"
                            + ACCOUNTS[random.nextInt(ACCOUNTS.length)];
                    long sentNanos = System.nanoTime();
                    try {
                        int status = http.get(path);
                        long answeredNanos = System.nanoTime();
                        consecutiveFailures = 0;
                        if (sentNanos >= measureFromNanos && answeredNanos <= endNanos) {
                            synchronized (this) {
                                LatencySummary.record(latencyMicros, answeredNanos - sentNanos);
                                statuses.merge(status, 1L, Long::sum);
                                requests++;
                            }
                            perSecond.add(answeredNanos, 1);
                        }
                    } catch (IOException e) {
                        synchronized (this) {
                            ioErrors++;
                        }
                        if (++consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
                            synchronized (this) {
                                gaveUp = Thread.currentThread().getName() + " gave up after " + consecutiveFailures
                                        + " failures: " + e;
                            }
                            return;
                        }
                        sleepQuietly(FAILURE_PAUSE_MS);
                    }
                }
            } finally {
                done.countDown();
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
