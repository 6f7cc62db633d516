package com.alluse.streams.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the numbers came from. */
record MachineInfo(
        int cores, long memoryBytes, String javaVersion, String javaVm, String os, long maxHeapBytes, String cpuModel) {

    static MachineInfo current() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                memTotalBytes(),
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory(),
                readCpuModel());
    }

    private static long memTotalBytes() {
        return procField(Path.of("/proc/meminfo"), "MemTotal:")
                .map(value -> Long.parseLong(value.split("\\s+")[0]) * 1024)
                .orElse(-1L);
    }

    private static String readCpuModel() {
        return procField(Path.of("/proc/cpuinfo"), "model name")
                .map(value -> value.replaceFirst("^\\s*:\\s*", ""))
                .orElse("unknown");
    }

    private static java.util.Optional<String> procField(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
