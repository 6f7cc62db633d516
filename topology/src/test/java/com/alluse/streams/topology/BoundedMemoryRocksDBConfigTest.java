package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;

class BoundedMemoryRocksDBConfigTest {
    private static final long ONE_MEBIBYTE = 1024 * 1024;

    @Test
    void shouldRefuseABoundBelowOneMebibyteAsAValueGivenInTheWrongUnit() {
        try (Options options = new Options()) {
            assertThatThrownBy(() -> new BoundedMemoryRocksDBConfig()
                            .setConfig(
                                    "store",
                                    options,
                                    Map.<String, Object>of(
                                            BoundedMemoryRocksDBConfig.TOTAL_MEMORY_BYTES, ONE_MEBIBYTE - 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(
                            BoundedMemoryRocksDBConfig.TOTAL_MEMORY_BYTES + " must be >= " + ONE_MEBIBYTE);
        }
    }

    @Test
    void shouldRefuseAMemtableShareAboveNinetyPercent() {
        try (Options options = new Options()) {
            assertThatThrownBy(() -> new BoundedMemoryRocksDBConfig()
                            .setConfig(
                                    "store",
                                    options,
                                    Map.<String, Object>of(
                                            BoundedMemoryRocksDBConfig.TOTAL_MEMORY_BYTES,
                                            ONE_MEBIBYTE,
                                            BoundedMemoryRocksDBConfig.MEMTABLE_SHARE_PERCENT,
                                            91)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
