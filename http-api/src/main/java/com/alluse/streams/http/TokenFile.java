package com.alluse.streams.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bearer tokens as written by operators: a file of {@code <role> <token>} lines ({@code #} comments,
 * blank lines ignored) or the {@code role:token,...} of an environment variable. Errors name the
 * source and the line or entry number, never the text: a malformed line may hold a token.
 */
public final class TokenFile {
    /** A tokens file is small; anything bigger is the wrong file. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;

    private TokenFile() {}

    /**
     * The file's bytes, bounded by {@link #MAX_FILE_BYTES}.
     *
     * @throws IllegalArgumentException if it cannot be read or is too big
     */
    static byte[] readBounded(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(
                        "tokens file " + file + " has " + size + " bytes, more than " + MAX_FILE_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the tokens file " + file + ": " + e, e);
        }
    }

    /** @throws IllegalArgumentException on a malformed line or an unknown role */
    static Map<String, Role> parse(byte[] content, String source) {
        List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
        Map<String, Role> tokens = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                add(tokens, line.split("\\s+", 2), source + " line " + (i + 1), "'<role> <token>'");
            }
        }
        return tokens;
    }

    /** {@code role:token,...}, e.g. the value of ALLUSE_HTTP_TOKENS. */
    public static Map<String, Role> parseList(String list, String source) {
        Map<String, Role> tokens = new HashMap<>();
        String[] entries = list.split(",");
        for (int i = 0; i < entries.length; i++) {
            if (!entries[i].isBlank()) {
                add(tokens, entries[i].strip().split(":", 2), source + " entry " + (i + 1), "'<role>:<token>'");
            }
        }
        return tokens;
    }

    private static void add(Map<String, Role> tokens, String[] roleAndToken, String where, String format) {
        if (roleAndToken.length != 2 || roleAndToken[1].isBlank()) {
            throw new IllegalArgumentException("bad token entry at " + where + ": expected " + format);
        }
        tokens.put(roleAndToken[1].strip(), role(roleAndToken[0].strip(), where));
    }

    private static Role role(String name, String where) {
        for (Role role : Role.values()) {
            if (role.name().equals(name.toUpperCase(Locale.ROOT))) {
                return role;
            }
        }
        // Not the text itself: role and token may be swapped.
        throw new IllegalArgumentException("unknown role at " + where + ": expected viewer, operator or admin");
    }
}
