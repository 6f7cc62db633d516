package com.alluse.streams.http;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer tokens of {@link HttpSettings.Tokens}, re-read from their file without a restart: at most
 * once per reload interval, a request looks at the file again (a small read) and, if its content
 * changed, parses it. A file that no longer parses keeps the tokens in use and is reported once per
 * content. Log lines carry counts and the file name, never a token.
 */
final class ReloadingTokens {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTokens.class);

    private final HttpSettings.Tokens source;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private volatile BearerTokens current;
    private volatile long nextCheckNanos;
    private byte[] lastContentDigest;

    ReloadingTokens(HttpSettings.Tokens source, LongSupplier nanoTime) {
        this.source = source;
        this.nanoTime = nanoTime;
        this.intervalNanos = source.reloadInterval().toNanos();
        this.current = BearerTokens.of(source.fixed());
        if (source.file() != null) {
            byte[] content = TokenFile.readBounded(source.file());
            this.current = merged(parse(content));
            this.lastContentDigest = BearerTokens.sha256(content);
        }
        this.nextCheckNanos = nanoTime.getAsLong() + intervalNanos;
    }

    /**
     * Reads the file once at start: a missing or malformed file is an error then, not later.
     *
     * @throws IllegalArgumentException if the file cannot be read or parsed
     */
    static ReloadingTokens start(HttpSettings.Tokens source) {
        return new ReloadingTokens(source, System::nanoTime);
    }

    /** False when neither a file nor fixed tokens are configured: authentication is off. */
    boolean authenticationOn() {
        return source.file() != null || !source.fixed().isEmpty();
    }

    BearerTokens current() {
        if (source.file() != null && nanoTime.getAsLong() - nextCheckNanos >= 0) {
            reloadIfChanged();
        }
        return current;
    }

    private synchronized void reloadIfChanged() {
        if (nanoTime.getAsLong() - nextCheckNanos < 0) {
            return; // another request checked meanwhile
        }
        nextCheckNanos = nanoTime.getAsLong() + intervalNanos;
        byte[] content;
        try {
            content = TokenFile.readBounded(source.file());
        } catch (IllegalArgumentException e) {
            LOG.warn("Keeping the {} bearer tokens in use: {}", current.size(), e.getMessage());
            return;
        }
        byte[] contentDigest = BearerTokens.sha256(content);
        if (MessageDigest.isEqual(contentDigest, lastContentDigest)) {
            return;
        }
        lastContentDigest = contentDigest;
        try {
            BearerTokens reloaded = merged(parse(content));
            current = reloaded;
            LOG.info("Reloaded the bearer tokens from {}: {} by role", source.file(), reloaded.countByRole());
        } catch (IllegalArgumentException e) {
            LOG.warn("Keeping the {} bearer tokens in use: {}", current.size(), e.getMessage());
        }
    }

    private Map<String, Role> parse(byte[] content) {
        return TokenFile.parse(content, source.file().toString());
    }

    /** The file's tokens win over fixed ones with the same text. */
    private BearerTokens merged(Map<String, Role> fromFile) {
        Map<String, Role> all = new HashMap<>(source.fixed());
        all.putAll(fromFile);
        return BearerTokens.of(all);
    }
}
