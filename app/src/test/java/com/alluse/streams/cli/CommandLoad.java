package com.alluse.streams.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes a seeded load of JSON command lines and predicts each command's outcome. The prediction
 * needs only account statuses, because amounts are chosen so that nothing else can decide:
 * random amounts are at most 100.00 and no account sees more than a few hundred of them, so no
 * Gen-Acc surplus nears the 50,000.00 fork threshold and no withdrawal of at most 100.00 exceeds
 * what is available; the forks are deliberate (a 50,000.00 premium right after opening), and a
 * withdrawal of 10,000,000.00 always exceeds what is available.
 */
final class CommandLoad {
    static final String PORTFOLIO_PREFIX = "e2e-P";
    private static final String[] TEMPLATES = {"MODERATE", "CONSERVATIVE", "AGGRESSIVE"};
    private static final String[] MAIN_ACCOUNTS = {"GEN", "REV", "COM"};
    private static final int FORK_EVERY_NTH_PORTFOLIO = 10;

    private final int portfolios;
    private final Random random;
    private final long firstEventTimeMs;
    private final Map<String, Boolean> suspended = new HashMap<>();
    private final Map<String, Long> expectedOutcomes = new TreeMap<>();
    private long expectedLedgerEntries;
    private int forks;
    private int lines;

    CommandLoad(int portfolios, long seed, long firstEventTimeMs) {
        this.portfolios = portfolios;
        this.random = new Random(seed);
        this.firstEventTimeMs = firstEventTimeMs;
    }

    /** Outcome ("ACCEPTED", "REJECTED/<reason>") to the number of commands expected to get it. */
    Map<String, Long> expectedOutcomes() {
        return expectedOutcomes;
    }

    long expectedLedgerEntries() {
        return expectedLedgerEntries;
    }

    /** Three main accounts per portfolio, two more per fork. */
    int expectedAccounts() {
        return portfolios * 3 + forks * 2;
    }

    static String commandId(int line) {
        return String.format("e2e-c%06d", line);
    }

    static String portfolio(int number) {
        return String.format(PORTFOLIO_PREFIX + "%03d", number);
    }

    void writeTo(Path file, int totalLines) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int p = 1; p <= portfolios; p++) {
                write(out, open(p), "ACCEPTED", 3);
                for (String account : MAIN_ACCOUNTS) {
                    suspended.put(portfolio(p) + ":" + account, false);
                }
            }
            for (int p = FORK_EVERY_NTH_PORTFOLIO; p <= portfolios; p += FORK_EVERY_NTH_PORTFOLIO) {
                // Surplus reaches exactly 50,000.00: one premium entry, FORK_OUT, and FORK_IN on both children.
                write(
                        out,
                        fields(portfolio(p), "TRADE_PREMIUM", portfolio(p) + ":GEN") + ",\"amount\":\"50000.00\"",
                        "ACCEPTED",
                        4);
                forks++;
            }
            writeFixedRejections(out);
            while (lines < totalLines) {
                writeRandom(out);
            }
        }
    }

    private String open(int p) {
        String capital = p % 2 == 0 ? "\"capital\":\"250000.00\"" : "\"capitalCents\":25000000";
        return "\"portfolioId\":\"" + portfolio(p) + "\",\"type\":\"OPEN_PORTFOLIO\"," + capital + ",\"template\":\""
                + TEMPLATES[p % TEMPLATES.length] + "\",\"ownerId\":\"owner-" + p + "\"";
    }

    /** Commands the pipeline must reject whatever happened before them. */
    private void writeFixedRejections(BufferedWriter out) throws IOException {
        write(out, open(1), "REJECTED/ALREADY_EXISTS", 0);
        write(
                out,
                "\"portfolioId\":\"e2e-BOGUS\",\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"1000.00\",\"template\":\"BOGUS\"",
                "REJECTED/INVALID_COMMAND",
                0);
        write(
                out,
                "\"portfolioId\":\"e2e-ZERO\",\"type\":\"OPEN_PORTFOLIO\",\"capital\":\"0.00\"",
                "REJECTED/INVALID_AMOUNT",
                0);
        write(
                out,
                fields("e2e-NOPE", "DEPOSIT", "e2e-NOPE:GEN") + ",\"amount\":\"1.00\"",
                "REJECTED/UNKNOWN_ACCOUNT",
                0);
    }

    private void writeRandom(BufferedWriter out) throws IOException {
        String portfolio = portfolio(1 + random.nextInt(portfolios));
        String kind = MAIN_ACCOUNTS[random.nextInt(MAIN_ACCOUNTS.length)];
        String account = portfolio + ":" + kind;
        boolean active = !suspended.get(account);
        int dice = random.nextInt(100);
        if (dice < 20) {
            write(
                    out,
                    fields(portfolio, "DEPOSIT", account) + amount(),
                    active ? "ACCEPTED" : "REJECTED/ACCOUNT_NOT_ACTIVE",
                    active ? 1 : 0);
        } else if (dice < 40) {
            // Market facts are applied whatever the status (docs/rules.md section 2).
            write(
                    out,
                    fields(portfolio, "TRADE_PREMIUM", account) + amount() + ",\"executionId\":\"x" + lines
                            + "\",\"symbol\":\"SPY\"",
                    "ACCEPTED",
                    1);
        } else if (dice < 55) {
            String lossKind = random.nextBoolean() ? ",\"lossKind\":\"ASSIGNMENT\"" : "";
            write(out, fields(portfolio, "TRADE_LOSS", account) + amount() + lossKind, "ACCEPTED", 1);
        } else if (dice < 70) {
            write(out, fields(portfolio, "COMMISSION", account) + amount(), "ACCEPTED", 1);
        } else if (dice < 90) {
            writeWithdrawal(out, portfolio, kind, account, active);
        } else if (dice < 94) {
            writeStatusChange(out, portfolio, account, active);
        } else if (dice < 96) {
            boolean valid = random.nextInt(4) > 0;
            write(
                    out,
                    fields(portfolio, "CASH_BUFFER_ADJUSTMENT", account) + ",\"bufferBps\":"
                            + (valid ? 500 + random.nextInt(501) : 5_000),
                    valid ? "ACCEPTED" : "REJECTED/INVALID_COMMAND",
                    0);
        } else {
            writeRepresentableButInvalid(out, portfolio, account);
        }
    }

    private void writeWithdrawal(BufferedWriter out, String portfolio, String kind, String account, boolean active)
            throws IOException {
        boolean tooLarge = random.nextInt(10) == 0;
        String amount = tooLarge ? ",\"amount\":\"10000000.00\"" : amount();
        if (kind.equals("COM")) {
            write(out, fields(portfolio, "WITHDRAWAL", account) + amount, "REJECTED/WITHDRAWAL_FORBIDDEN", 0);
        } else if (!active) {
            write(out, fields(portfolio, "WITHDRAWAL", account) + amount, "REJECTED/ACCOUNT_NOT_ACTIVE", 0);
        } else if (tooLarge) {
            write(out, fields(portfolio, "WITHDRAWAL", account) + amount, "REJECTED/INSUFFICIENT_AVAILABLE", 0);
        } else {
            write(out, fields(portfolio, "WITHDRAWAL", account) + amount, "ACCEPTED", 1);
        }
    }

    private void writeStatusChange(BufferedWriter out, String portfolio, String account, boolean active)
            throws IOException {
        if (random.nextInt(5) == 0) {
            // The transition the state machine does not allow from the current status.
            write(out, fields(portfolio, active ? "ACTIVATE" : "SUSPEND", account), "REJECTED/INVALID_TRANSITION", 0);
        } else if (active) {
            write(out, fields(portfolio, "SUSPEND", account) + ",\"reason\":\"review\"", "ACCEPTED", 0);
            suspended.put(account, true);
        } else {
            write(out, fields(portfolio, "ACTIVATE", account), "ACCEPTED", 0);
            suspended.put(account, false);
        }
    }

    /** Representable, so the CLI sends them; the pipeline rejects them. */
    private void writeRepresentableButInvalid(BufferedWriter out, String portfolio, String account) throws IOException {
        switch (random.nextInt(4)) {
            case 0 ->
                write(
                        out,
                        fields(portfolio, "DEPOSIT", account) + ",\"amount\":\"0.00\"",
                        "REJECTED/INVALID_AMOUNT",
                        0);
            case 1 ->
                write(
                        out,
                        fields(portfolio, "TRADE_PREMIUM", account) + ",\"amountCents\":-500",
                        "REJECTED/INVALID_AMOUNT",
                        0);
            case 2 -> write(out, fields(portfolio, "CLOSE", account), "REJECTED/NONZERO_BALANCE", 0);
            default ->
                write(out, fields(portfolio, "DEPOSIT", portfolio + ":XYZ") + amount(), "REJECTED/UNKNOWN_ACCOUNT", 0);
        }
    }

    private static String fields(String portfolio, String type, String account) {
        return "\"portfolioId\":\"" + portfolio + "\",\"type\":\"" + type + "\",\"accountId\":\"" + account + "\"";
    }

    /** 0.01..100.00 in the money notations the CLI accepts. */
    private String amount() {
        long cents = 1 + random.nextInt(10_000);
        return switch (random.nextInt(3)) {
            case 0 -> ",\"amountCents\":" + cents;
            case 1 -> ",\"amount\":\"" + cents / 100 + "." + String.format("%02d", cents % 100) + "\"";
            default -> cents % 100 == 0 ? ",\"amount\":\"" + cents / 100 + "\"" : ",\"amountCents\":" + cents;
        };
    }

    /** Event times strictly increase, in both notations. */
    private void write(BufferedWriter out, String body, String outcome, int ledgerEntries) throws IOException {
        lines++;
        long eventTimeMs = firstEventTimeMs + lines;
        String eventTime = lines % 2 == 0
                ? ",\"eventTimeMs\":" + eventTimeMs
                : ",\"eventTime\":\"" + Instant.ofEpochMilli(eventTimeMs) + "\"";
        out.write("{\"commandId\":\"" + commandId(lines) + "\"," + body + eventTime + "}\n");
        expectedOutcomes.merge(outcome, 1L, Long::sum);
        expectedLedgerEntries += ledgerEntries;
    }
}
