package com.alluse.streams.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer tokens one API instance accepts, kept only as SHA-256 digests. A presented token is
 * digested and compared with every known digest by {@link MessageDigest#isEqual} without stopping
 * at the first match, so the time an answer takes says nothing about how much of a token was right.
 */
public final class BearerTokens {
    /** Bound on the tokens of one instance: the lookup compares against every one of them. */
    public static final int MAX_TOKENS = 10_000;

    private static final BearerTokens NONE = new BearerTokens(List.of());

    private final List<Entry> entries;

    private BearerTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No tokens: authentication is off. */
    public static BearerTokens none() {
        return NONE;
    }

    /** @param tokens token -> role */
    public static BearerTokens of(Map<String, Role> tokens) {
        if (tokens.size() > MAX_TOKENS) {
            throw new IllegalArgumentException("at most " + MAX_TOKENS + " bearer tokens, got " + tokens.size());
        }
        List<Entry> entries = new ArrayList<>(tokens.size());
        tokens.forEach((token, role) -> entries.add(new Entry(digest(token), role)));
        return new BearerTokens(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** How many tokens grant each role: what may be logged about them. */
    public Map<Role, Integer> countByRole() {
        Map<Role, Integer> counts = new EnumMap<>(Role.class);
        entries.forEach(entry -> counts.merge(entry.role(), 1, Integer::sum));
        return counts;
    }

    /** The caller a presented token belongs to, or empty when no known token matches. */
    public Optional<Caller> authenticate(String presented) {
        byte[] digest = digest(presented);
        Entry match = null;
        for (Entry entry : entries) {
            // No early exit: every entry is compared whatever matched before.
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                match = entry;
            }
        }
        return match == null
                ? Optional.empty()
                : Optional.of(new Caller(match.role(), HexFormat.of().formatHex(digest)));
    }

    private static byte[] digest(String token) {
        return sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * An authenticated caller.
     *
     * @param role what the token grants
     * @param key the token's digest in hex: a rate-limit key that is not the token (never log it either)
     */
    public record Caller(Role role, String key) {}

    private record Entry(byte[] digest, Role role) {}
}
