package com.alluse.streams.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link QueryLoad} in a JVM of its own, so the clients' threads, their allocation and their GC do not share
 * the server's JVM (issue 13 asks for queries driven from another process). The child writes its {@link QueryResult}
 * as JSON to a file the parent reads; its logs go to the parent's.
 */
final class QueryLoadProcess {
    /** The child's own heap: 250 clients with their histograms need far less. */
    private static final String CHILD_HEAP = "-Xmx512m";
    /** Beyond the run itself: JVM start, and each client's last request up to its timeout. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryLoadProcess() {}

    /** The load of {@link QueryLoad#QueryLoad} against {@code port} on this host, from a child JVM. */
    static QueryResult run(
            int port, int portfolios, int clients, Duration warmup, Duration measured, double ratePerSecond, long seed)
            throws IOException, InterruptedException {
        Path resultFile = Files.createTempFile("query-result-", ".json");
        try {
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    CHILD_HEAP,
                    "-cp",
                    System.getProperty("java.class.path"),
                    QueryLoadProcess.class.getName(),
                    Integer.toString(port),
                    Integer.toString(portfolios),
                    Integer.toString(clients),
                    Long.toString(warmup.toMillis()),
                    Long.toString(measured.toMillis()),
                    Double.toString(ratePerSecond),
                    Long.toString(seed),
                    resultFile.toString());
            Process child = new ProcessBuilder(command).inheritIO().start();
            Duration bound = warmup.plus(measured).plus(EXIT_MARGIN);
            if (!child.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly();
                throw new IOException("the query process did not finish within " + bound.toSeconds() + " s");
            }
            if (child.exitValue() != 0) {
                throw new IOException("the query process failed with exit code " + child.exitValue());
            }
            return JSON.readValue(resultFile.toFile(), QueryResult.class);
        } finally {
            Files.deleteIfExists(resultFile);
        }
    }

    /** The child: port, portfolios, clients, warm-up ms, measured ms, rate, seed, result file. */
    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            throw new IllegalArgumentException(
                    "expected port, portfolios, clients, warm-up ms, measured ms, rate, seed and a result file, got "
                            + args.length + " arguments");
        }
        QueryResult result = new QueryLoad(
                        Integer.parseInt(args[0]),
                        Integer.parseInt(args[1]),
                        Integer.parseInt(args[2]),
                        Duration.ofMillis(Long.parseLong(args[3])),
                        Duration.ofMillis(Long.parseLong(args[4])),
                        Double.parseDouble(args[5]))
                .run(Long.parseLong(args[6]));
        JSON.writeValue(Path.of(args[7]).toFile(), result);
    }
}
