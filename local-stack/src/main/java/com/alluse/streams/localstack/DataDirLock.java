package com.alluse.streams.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive use of a data directory by one embedded broker, in this JVM or any other process.
 * Kafka's own {@code .lock} is taken only late in startup, after the KRaft controller has already written
 * to the metadata log: a second broker on the same directory corrupts the first one's metadata log.
 * So this lock is taken before formatting and held until the broker has shut down.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE_NAME = "embedded-kafka.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws EmbeddedKafkaStartException if another broker holds the directory */
    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = open(dataDir, file);
        FileLock lock = tryLock(channel, file);
        if (lock == null) {
            closeQuietly(channel);
            throw new EmbeddedKafkaStartException("Kafka broker cannot start: data dir " + dataDir
                    + " is in use by another embedded broker (in this or another process)");
        }
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + FILE_NAME, e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static FileChannel open(Path dataDir, Path file) {
        try {
            Files.createDirectories(dataDir);
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** null when held elsewhere: by another process (tryLock answers null) or this JVM (it throws). */
    private static FileLock tryLock(FileChannel channel, Path file) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing to recover: the lock, if any, is released with the channel.
        }
    }
}
