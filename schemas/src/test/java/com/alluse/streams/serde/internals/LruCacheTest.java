package com.alluse.streams.serde.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LruCacheTest {

    @Test
    void shouldEvictTheLeastRecentlyUsedEntryBeyondCapacity() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a"); // b is now the least recently used
        cache.put("c", 3);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(cache.get("c")).isEqualTo(3);
    }

    @Test
    void shouldLoadOnlyOnMissAndNotCacheNull() {
        LruCache<String, String> cache = new LruCache<>(4);
        AtomicInteger loads = new AtomicInteger();

        cache.computeIfAbsent("k", k -> "v" + loads.incrementAndGet());
        cache.computeIfAbsent("k", k -> "v" + loads.incrementAndGet());
        cache.computeIfAbsent("none", k -> null);

        assertThat(loads).hasValue(1);
        assertThat(cache.size()).isEqualTo(1);
    }
}
