package com.alluse.streams.loadtest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time, which unlike wall-clock throughput barely moves when other processes compete for the
 * cores: the CPU the processing threads (those whose name contains a marker, e.g. the
 * application id) and the whole process spent.
 */
final class CpuMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuMeter() {}

    /** Sum of the CPU time of live threads whose name contains {@code marker}; threads that ended are not counted. */
    static long threadsCpuNanos(String marker) {
        if (marker == null || !THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains(marker)) {
                long cpu = THREADS.getThreadCpuTime(thread.getId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    /** CPU time of this whole process (broker included), or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
