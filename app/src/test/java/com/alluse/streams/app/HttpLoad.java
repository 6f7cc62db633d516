package com.alluse.streams.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the HTTP API under continuous load: submits commands to whichever instances are
 * live (retrying with the same Idempotency-Key until a command is decided), and reads every
 * accepted write back from another instance with its consistency token.
 */
final class HttpLoad implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_ATTEMPTS = 60;

    final List<Integer> livePorts = new CopyOnWriteArrayList<>();
    final Map<String, String> decidedOutcomes = new ConcurrentHashMap<>();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger pending = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger readYourWritesChecked = new AtomicInteger();
    final List<String> readYourWritesViolations = new CopyOnWriteArrayList<>();
    final AtomicBoolean running = new AtomicBoolean(true);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Random random = new Random(11);
    private final int portfolios;
    private int commandCount;

    HttpLoad(int portfolios) {
        this.portfolios = portfolios;
    }

    static String portfolio(int index) {
        return "S" + index;
    }

    void openPortfolios() throws InterruptedException {
        for (int p = 0; p < portfolios; p++) {
            submit(
                    "open-" + p,
                    portfolio(p),
                    "{\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"" + (100_000 + p * 1_000) + ".00\"}");
        }
    }

    @Override
    public void run() {
        while (running.get()) {
            try {
                String portfolioId = portfolio(random.nextInt(portfolios));
                String accountId =
                        portfolioId + ":" + List.of("GEN", "REV", "COM").get(random.nextInt(3));
                String type = List.of("TRADE_PREMIUM", "DEPOSIT", "WITHDRAWAL", "COMMISSION")
                        .get(random.nextInt(4));
                String amount = (1 + random.nextInt(5_000)) + "." + (10 + random.nextInt(90));
                submit(
                        "load-" + (commandCount++),
                        portfolioId,
                        "{\"type\":\"" + type + "\",\"accountId\":\"" + accountId + "\",\"amount\":\"" + amount
                                + "\"}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                errors.incrementAndGet();
            }
        }
    }

    /** Submits until decided (200), then, if accepted, reads the write back elsewhere with its token. */
    void submit(String commandId, String portfolioId, String body) throws InterruptedException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(uri(pickPort(), "/portfolios/" + portfolioId + "/commands"))
                            .header("Idempotency-Key", commandId)
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (response != null && response.statusCode() == 200) {
                JsonNode result = parse(response.body());
                String outcome = result.path("outcome").asText();
                decidedOutcomes.putIfAbsent(commandId, outcome);
                if (result.hasNonNull("consistencyToken")) {
                    checkReadYourWrites(result);
                }
                return;
            }
            countFailure(response);
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "command " + commandId + " was not decided after " + MAX_ATTEMPTS + " attempts");
    }

    private void checkReadYourWrites(JsonNode result) throws InterruptedException {
        String entryId = result.path("ledgerEntryIds").path(0).asText();
        String accountId = entryId.substring(0, entryId.indexOf('#'));
        long sequence = Long.parseLong(entryId.substring(entryId.indexOf('#') + 1));
        String token = result.path("consistencyToken").asText();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri(pickPort(), "/accounts/" + accountId))
                    .header("X-Consistency-Token", token)
                    .GET());
            if (response != null && response.statusCode() == 200) {
                long seen = parse(response.body()).path("lastSequence").asLong();
                readYourWritesChecked.incrementAndGet();
                if (seen < sequence) {
                    readYourWritesViolations.add(
                            accountId + " answered sequence " + seen + " after token " + token + " for #" + sequence);
                }
                return;
            }
            countFailure(response);
            Thread.sleep(100);
        }
        readYourWritesViolations.add(accountId + " never answered for token " + token);
    }

    private void countFailure(HttpResponse<String> response) {
        if (response == null) {
            errors.incrementAndGet();
        } else if (response.statusCode() == 503) {
            unavailable.incrementAndGet();
        } else if (response.statusCode() == 202) {
            pending.incrementAndGet();
        } else {
            errors.incrementAndGet();
        }
    }

    /** GET with retries while the cluster settles; the body of the first 200. */
    String get(int port, String path) throws InterruptedException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(uri(port, path)).GET());
            if (response != null && response.statusCode() == 200) {
                return response.body();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("GET " + path + " on " + port + " never answered 200");
    }

    private int pickPort() {
        List<Integer> ports = List.copyOf(livePorts);
        return ports.get(random.nextInt(ports.size()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws InterruptedException {
        try {
            return client.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
