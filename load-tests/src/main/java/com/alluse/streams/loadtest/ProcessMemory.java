package com.alluse.streams.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory of this process (or of another one, the broker's child JVM). The registry, the pipeline
 * and the load generator, and the broker unless it runs in its own JVM, share this process, so its
 * resident set size is an upper bound on what the pipeline alone would need.
 */
final class ProcessMemory {
    private ProcessMemory() {}

    /** VmRSS of this process in bytes, or -1 where /proc is not available (not Linux). */
    static long residentBytes() {
        return residentBytes(Path.of("/proc/self/status"));
    }

    /** VmRSS of another process in bytes, or -1 if it is gone or /proc is not available. */
    static long residentBytes(long pid) {
        return residentBytes(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static long residentBytes(Path status) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:   123456 kB"
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
