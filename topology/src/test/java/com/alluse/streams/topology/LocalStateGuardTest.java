package com.alluse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateGuardTest {
    private static final String APP = "alluse-account-streams";

    @TempDir
    Path stateDir;

    private Path taskStore;
    private Path processId;
    private Path appDir;

    @BeforeEach
    void leaveStateAsKafkaStreamsWould() throws IOException {
        appDir = stateDir.resolve(APP);
        taskStore =
                appDir.resolve("0_3").resolve("rocksdb").resolve("portfolios").resolve("000012.sst");
        Files.createDirectories(taskStore.getParent());
        Files.writeString(taskStore, "state");
        processId = appDir.resolve("kafka-streams-process-metadata");
        Files.writeString(processId, "process id");
    }

    @Test
    void shouldKeepTheStateOfAnInstanceThatStoppedCleanly() throws IOException {
        LocalStateGuard.acquire(stateDir, APP).releaseStoppedCleanly();

        try (LocalStateGuard next = LocalStateGuard.acquire(stateDir, APP)) {
            assertThat(next.discardedTaskDirectories()).isZero();
        }
        assertThat(taskStore).exists();
    }

    @Test
    void shouldDiscardEveryTaskDirectoryButKeepTheProcessIdAfterAnInstanceDiedWithoutStopping() throws IOException {
        // A SIGKILL: the lock ends with the process, the marker stays.
        LocalStateGuard.acquire(stateDir, APP).close();
        Path otherTask = Files.createDirectories(appDir.resolve("4_0"));

        try (LocalStateGuard next = LocalStateGuard.acquire(stateDir, APP)) {
            assertThat(next.discardedTaskDirectories()).isEqualTo(2);
        }
        assertThat(appDir.resolve("0_3")).doesNotExist();
        assertThat(otherTask).doesNotExist();
        assertThat(processId).hasContent("process id");
    }

    @Test
    void shouldDiscardTheStateOnEveryStartUntilAnInstanceStopsCleanly() throws IOException {
        LocalStateGuard.acquire(stateDir, APP).close();
        LocalStateGuard.acquire(stateDir, APP).close();
        Files.createDirectories(appDir.resolve("1_1"));

        try (LocalStateGuard next = LocalStateGuard.acquire(stateDir, APP)) {
            assertThat(next.discardedTaskDirectories()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseASecondInstanceOnADirectoryInUseAndLeaveItsStateAlone() throws IOException {
        try (LocalStateGuard running = LocalStateGuard.acquire(stateDir, APP)) {
            assertThatThrownBy(() -> LocalStateGuard.acquire(stateDir, APP))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("two instances cannot share one");
            assertThat(running.discardedTaskDirectories()).isZero();
        }
        assertThat(taskStore).exists();
    }

    @Test
    void shouldStartOnADirectoryThatDoesNotExistYet() throws IOException {
        Path fresh = stateDir.resolve("fresh");

        try (LocalStateGuard guard = LocalStateGuard.acquire(fresh, APP)) {
            assertThat(guard.discardedTaskDirectories()).isZero();
        }
        assertThat(fresh).isDirectory();
    }
}
