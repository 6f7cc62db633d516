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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * N client threads, each on its own kept-alive connection, GET /accounts/{id} for random
 * accounts of opened portfolios, for a bounded time. The first {@code warmup} is not measured
 * (JIT, connection setup).
 *
 * <p>Closed loop (rate 0): each client sends its next request when the last one was answered.
 * Open loop (rate above 0): request i is due at start + i / rate, whatever the answers do; the
 * next free client takes the next due request, and its latency counts from when it was due, not
 * from when a client got to send it, so a slow server cannot hide its delay by holding the
 * clients back (coordinated omission). With every client busy, requests start late and their
 * latency shows it; the achieved rate then falls below the target.
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
    private final double ratePerSecond;

    /** @param ratePerSecond requests per second in an open loop, 0 for a closed loop */
    QueryLoad(int port, int portfolios, int clients, Duration warmup, Duration measured, double ratePerSecond) {
        if (clients < 1 || clients > 10_000) {
            throw new IllegalArgumentException("clients must be within 1..10000, got " + clients);
        }
        if (ratePerSecond < 0 || ratePerSecond > 1_000_000) {
            throw new IllegalArgumentException("rate must be within 0..1000000 per second, got " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
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
        Schedule schedule = ratePerSecond > 0 ? new OpenLoop(startNanos, ratePerSecond) : System::nanoTime;
        List<Client> running = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Client client =
                    new Client(new SplittableRandom(seed + i), schedule, measureFromNanos, endNanos, perSecond, done);
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
                ratePerSecond,
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

    /** When a client's next request is due; it returns once that time has come. */
    @FunctionalInterface
    private interface Schedule {
        long nextDueNanos();
    }

    /** Request i due at start + i / rate, shared by all clients: each takes the next due one. */
    private static final class OpenLoop implements Schedule {
        private final long startNanos;
        private final double nanosPerRequest;
        private final AtomicLong nextRequest = new AtomicLong();

        OpenLoop(long startNanos, double ratePerSecond) {
            this.startNanos = startNanos;
            this.nanosPerRequest = 1e9 / ratePerSecond;
        }

        @Override
        public long nextDueNanos() {
            long dueNanos = startNanos + (long) (nextRequest.getAndIncrement() * nanosPerRequest);
            for (long waitNanos = dueNanos - System.nanoTime(); waitNanos > 0; ) {
                LockSupport.parkNanos(waitNanos);
                waitNanos = dueNanos - System.nanoTime();
            }
            return dueNanos;
        }
    }

    private final class Client implements Runnable {
        private final SplittableRandom random;
        private final Schedule schedule;
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
                Schedule schedule,
                long measureFromNanos,
                long endNanos,
                PerSecondCounter perSecond,
                CountDownLatch done) {
            this.random = random;
            this.schedule = schedule;
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
                while (!stopped) {
                    long dueNanos = schedule.nextDueNanos();
                    if (dueNanos >= endNanos) {
                        break;
                    }
                    String path = "/accounts/" + CommandGenerator.portfolioId(random.nextInt(portfolios)) + ":"
                            + ACCOUNTS[random.nextInt(ACCOUNTS.length)];
                    try {
                        int status = http.get(path);
                        long answeredNanos = System.nanoTime();
                        consecutiveFailures = 0;
                        if (measured(dueNanos, answeredNanos)) {
                            synchronized (this) {
                                LatencySummary.record(latencyMicros, answeredNanos - dueNanos);
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

        /**
         * Due in the measured window. A closed loop also needs the answer within it (its next
         * request would fall outside); an open loop counts every answer of a request due in it,
         * however late, else the slowest answers at the end would go missing.
         */
        private boolean measured(long dueNanos, long answeredNanos) {
            return dueNanos >= measureFromNanos && (ratePerSecond > 0 || answeredNanos <= endNanos);
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
