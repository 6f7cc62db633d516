package com.alluse.streams.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Sizes and deletion of directory trees (state directories, RocksDB files). */
final class DirectorySize {
    private DirectorySize() {}

    private static final int MAX_WALK_ATTEMPTS = 5;

    /** Sum of regular file sizes under the directory; files vanishing meanwhile (compaction) count as 0. */
    static long bytes(Path directory) {
        UncheckedIOException last = null;
        for (int attempt = 0; attempt < MAX_WALK_ATTEMPTS; attempt++) {
            if (!Files.exists(directory)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                return files.filter(Files::isRegularFile)
                        .mapToLong(DirectorySize::sizeOrZero)
                        .sum();
            } catch (IOException e) {
                last = new UncheckedIOException(e);
            } catch (UncheckedIOException e) {
                // Files.walk fails on a directory deleted while walking (RocksDB compaction): walk again.
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
