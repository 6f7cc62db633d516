package com.alluse.streams.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkRunTest {
    @TempDir
    Path tmp;

    @Test
    void shouldCreateAWorkDirectoryThatDoesNotExistYet() throws IOException {
        Path work = tmp.resolve("alluse-load-new");

        BenchmarkRun.requireEmptyWorkDir(work);

        assertThat(work).isEmptyDirectory();
    }

    @Test
    void shouldRefuseAWorkDirectoryLeftByAnEarlierRunWithTheSameRunId() throws IOException {
        Path work = tmp.resolve("alluse-load-base-1");
        Files.createDirectories(work.resolve("kafka"));

        assertThatThrownBy(() -> BenchmarkRun.requireEmptyWorkDir(work))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(work.toString())
                .hasMessageContaining("not empty");
    }
}
