package com.alluse.streams.app;

import com.alluse.streams.monitoring.PrometheusServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads Prometheus's {@code /api/v1/alerts} on a thread of its own every {@link #POLL_MS} and
 * remembers when each alert was first seen firing since the last {@link #reset}: a scenario can
 * restart a process or wait for recovery while the watch still times its alerts.
 */
final class AlertWatch implements AutoCloseable {
    private static final long POLL_MS = 250;

    private final PrometheusServer prometheus;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "alert-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Long> firstFiringNanos = new ConcurrentHashMap<>();
    private volatile Map<String, String> current = Map.of();
    private final AtomicLong polls = new AtomicLong();

    AlertWatch(PrometheusServer prometheus) {
        this.prometheus = prometheus;
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        long now = System.nanoTime();
        try {
            Map<String, String> alerts = prometheus.alerts();
            alerts.forEach((name, state) -> {
                if ("firing".equals(state)) {
                    firstFiringNanos.putIfAbsent(name, now);
                }
            });
            current = alerts;
            polls.incrementAndGet();
        } catch (IOException e) {
            // Prometheus answers again at the next poll; a miss only delays a detection by POLL_MS.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forgets what fired so far: from now on only new firings count. */
    void reset() {
        firstFiringNanos.clear();
    }

    /** Every alert seen firing since the last reset. */
    Set<String> fired() {
        return new TreeSet<>(firstFiringNanos.keySet());
    }

    /** Alert name -> "firing" or "pending" at the last poll. */
    Map<String, String> current() {
        return current;
    }

    /**
     * Waits until every one of {@code alerts} fired (or {@code deadlineNanos} passed) and returns
     * the time from {@code sinceNanos} to each one's first firing.
     */
    Map<String, Duration> awaitFiring(List<String> alerts, long sinceNanos, long deadlineNanos)
            throws InterruptedException {
        while (!firstFiringNanos.keySet().containsAll(alerts) && System.nanoTime() < deadlineNanos) {
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        Map<String, Duration> detections = new ConcurrentHashMap<>();
        for (String alert : alerts) {
            firstFiring(alert).ifPresent(at -> detections.put(alert, Duration.ofNanos(Math.max(0, at - sinceNanos))));
        }
        return Map.copyOf(detections);
    }

    /**
     * Waits until Prometheus has held no alert (firing or pending) for {@code quiet} without a break,
     * counted from polls after this call; false on timeout. The quiet time covers a scrape, an
     * evaluation and the app's own delay in counting: a fault's last consequence (the dead letter a
     * replaced thread writes once it is back) is in the alerts only a moment after the recovery.
     */
    boolean awaitNone(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollsBefore = polls.get();
        long quietSince = 0;
        while (true) {
            long now = System.nanoTime();
            if (polls.get() == pollsBefore || !current.isEmpty()) {
                quietSince = 0;
            } else if (quietSince == 0) {
                quietSince = now;
            } else if (now - quietSince >= quiet.toNanos()) {
                return true;
            }
            if (now > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
    }

    private Optional<Long> firstFiring(String alert) {
        return Optional.ofNullable(firstFiringNanos.get(alert));
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
