package com.alluse.streams.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds RocksDB memory across every store of the process: one block cache, shared with the
 * memtables through a write buffer manager, sized by {@value #TOTAL_MEMORY_BYTES}. Index and
 * filter blocks live in the cache too, so nothing RocksDB holds escapes the bound.
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {
    public static final String TOTAL_MEMORY_BYTES = "alluse.rocksdb.total.memory.bytes";
    public static final String MEMTABLE_SHARE_PERCENT = "alluse.rocksdb.memtable.share.percent";
    public static final long DEFAULT_TOTAL_MEMORY_BYTES = 128L * 1024 * 1024;
    public static final int DEFAULT_MEMTABLE_SHARE_PERCENT = 25;
    /** Catches a bound given in MiB instead of bytes. Smaller bounds than the stores need are allowed: they show as AllUseRocksDbMemoryNearBound. */
    private static final long MIN_TOTAL_MEMORY_BYTES = 1024 * 1024;

    private static final long BLOCK_SIZE_BYTES = 16 * 1024;
    private static final int MAX_WRITE_BUFFERS = 3;

    private static SharedMemory shared;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        SharedMemory memory = sharedMemory(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE_BYTES);
        options.setWriteBufferManager(memory.writeBufferManager());
        options.setMaxWriteBufferNumber(MAX_WRITE_BUFFERS);
        options.setWriteBufferSize(memory.memtableBytes() / MAX_WRITE_BUFFERS);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store for the life of the process.
    }

    /** The bound in force, 0 before the first store opened. */
    public static synchronized long boundBytes() {
        return shared == null ? 0 : shared.totalBytes();
    }

    /** Bytes held in the shared cache (blocks, index and filter blocks, memtables): what the bound limits. */
    public static synchronized long usageBytes() {
        return shared == null ? 0 : shared.cache().getUsage();
    }

    /** Checked on every call, not only the first: a wrong setting is refused even once the cache exists. */
    private static synchronized SharedMemory sharedMemory(Map<String, Object> configs) {
        long totalBytes = longConfig(configs, TOTAL_MEMORY_BYTES, DEFAULT_TOTAL_MEMORY_BYTES);
        long memtablePercent = longConfig(configs, MEMTABLE_SHARE_PERCENT, DEFAULT_MEMTABLE_SHARE_PERCENT);
        if (totalBytes < MIN_TOTAL_MEMORY_BYTES || memtablePercent < 1 || memtablePercent > 90) {
            throw new IllegalArgumentException(TOTAL_MEMORY_BYTES + " must be >= " + MIN_TOTAL_MEMORY_BYTES + " and "
                    + MEMTABLE_SHARE_PERCENT + " within 1..90");
        }
        if (shared == null) {
            long memtableBytes = totalBytes * memtablePercent / 100;
            Cache cache = new LRUCache(totalBytes, -1, false, 0.1);
            shared = new SharedMemory(cache, new WriteBufferManager(memtableBytes, cache), memtableBytes, totalBytes);
        }
        return shared;
    }

    private static long longConfig(Map<String, Object> configs, String name, long defaultValue) {
        Object value = configs.get(name);
        return value == null ? defaultValue : Long.parseLong(value.toString().trim());
    }

    private record SharedMemory(
            Cache cache, WriteBufferManager writeBufferManager, long memtableBytes, long totalBytes) {}
}
