package com.alluse.streams.topology;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discards the task state an instance left behind when it did not stop cleanly, before Kafka Streams opens it.
 *
 * <p>Why: under exactly-once Kafka Streams cannot trust local state without a checkpoint, so after a crash it
 * declares each such task corrupted, closes it dirty and restores it from its changelog. Closing an active task
 * dirty aborts the stream thread's whole transaction. Kafka Streams 4.3.1 commits the thread's healthy tasks
 * first, except while a rebalance is in progress, which is exactly when a restarted instance finds its corrupted
 * tasks: the healthy tasks' results were aborted while their input positions moved on, and those commands never
 * had a result (docs/reliability.md, "Results lost after a restart"). With the task directories gone the
 * restarted instance restores every task from its changelog, as Kafka Streams would have, and finds none
 * corrupted.
 *
 * <p>A marker file beside the application's state directory says an instance runs on it. The instance holds an OS
 * lock on the marker for its life, so a second instance on the same directory is refused instead of wiped under,
 * and the lock ends with the process however it dies. The process id file stays: the restarted instance keeps its
 * transactional ids and so fences the dead instance's open transaction at once instead of after its timeout.
 */
final class LocalStateGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStateGuard.class);
    /** Kafka Streams names a task's directory by its id: sub-topology, underscore, partition. */
    private static final Pattern TASK_DIRECTORY = Pattern.compile("\\d+_\\d+");

    private final Path marker;
    private final FileChannel channel;
    private final FileLock lock;
    private final int discardedTaskDirectories;

    private LocalStateGuard(Path marker, FileChannel channel, FileLock lock, int discardedTaskDirectories) {
        this.marker = marker;
        this.channel = channel;
        this.lock = lock;
        this.discardedTaskDirectories = discardedTaskDirectories;
    }

    /**
     * Marks the application's state directory in use, first discarding its task directories if the last instance
     * on it did not stop cleanly.
     *
     * @throws IllegalStateException if a live instance holds the directory
     */
    static LocalStateGuard acquire(Path stateDir, String applicationId) throws IOException {
        Files.createDirectories(stateDir);
        Path marker = stateDir.resolve(applicationId + ".running");
        boolean leftByCrash = Files.exists(marker);
        FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel);
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another instance runs on the state directory " + stateDir + " (" + marker
                    + " is locked); two instances cannot share one");
        }
        int discarded = leftByCrash ? discardTaskDirectories(stateDir.resolve(applicationId)) : 0;
        if (leftByCrash) {
            LOG.warn(
                    "The last instance on {} did not stop cleanly: discarded {} task directories, every task restores from its changelog",
                    stateDir,
                    discarded);
        }
        return new LocalStateGuard(marker, channel, lock, discarded);
    }

    int discardedTaskDirectories() {
        return discardedTaskDirectories;
    }

    /** Once Kafka Streams has closed cleanly (its checkpoints written): the next instance keeps the state. */
    void releaseStoppedCleanly() throws IOException {
        close();
        Files.delete(marker);
    }

    /** Releases the directory but leaves the marker: the next instance discards the state. */
    @Override
    public void close() throws IOException {
        if (lock.isValid()) {
            lock.release();
        }
        channel.close();
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static int discardTaskDirectories(Path applicationStateDir) throws IOException {
        if (!Files.isDirectory(applicationStateDir)) {
            return 0;
        }
        List<Path> tasks;
        try (Stream<Path> children = Files.list(applicationStateDir)) {
            tasks = children.filter(Files::isDirectory)
                    .filter(dir ->
                            TASK_DIRECTORY.matcher(dir.getFileName().toString()).matches())
                    .toList();
        }
        for (Path task : tasks) {
            deleteRecursively(task);
        }
        return tasks.size();
    }

    private static void deleteRecursively(Path root) throws IOException {
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(root)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.delete(path);
        }
    }
}
