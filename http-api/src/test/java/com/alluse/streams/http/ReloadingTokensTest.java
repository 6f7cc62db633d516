package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.topology.CapturedLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingTokensTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000);

    private ReloadingTokens fromFile(Path file) {
        return new ReloadingTokens(
                new HttpSettings.Tokens(Map.of("env-t0ken", Role.ADMIN), file, INTERVAL), nanos::get);
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("tokens"), content);
    }

    @Test
    void shouldServeTheFileAndTheFixedTokens() throws IOException {
        ReloadingTokens tokens = fromFile(write("viewer v-s3cret\n"));

        assertThat(tokens.authenticationOn()).isTrue();
        assertThat(tokens.current().authenticate("v-s3cret")).isPresent();
        assertThat(tokens.current().authenticate("env-t0ken")).isPresent();
    }

    @Test
    void shouldPickUpAChangedFileOnlyOnceTheIntervalHasPassed() throws IOException {
        Path file = write("viewer old-s3cret\n");
        ReloadingTokens tokens = fromFile(file);
        write("viewer new-s3cret\n");

        nanos.addAndGet(INTERVAL.toNanos() - 1);
        assertThat(tokens.current().authenticate("old-s3cret"))
                .as("before the interval")
                .isPresent();
        nanos.addAndGet(1);
        assertThat(tokens.current().authenticate("new-s3cret")).as("after it").isPresent();
        assertThat(tokens.current().authenticate("old-s3cret")).as("revoked").isEmpty();
    }

    @Test
    void shouldKeepTheTokensInUseWhenTheFileBreaksAndSayWhereWithoutTheText() throws IOException {
        Path file = write("viewer good-s3cret\n");
        ReloadingTokens tokens = fromFile(file);
        write("viewer good-s3cret\nbad-s3cret viewer\n");

        try (CapturedLogs logs = new CapturedLogs()) {
            nanos.addAndGet(INTERVAL.toNanos());
            assertThat(tokens.current().authenticate("good-s3cret")).isPresent();
            nanos.addAndGet(INTERVAL.toNanos());
            tokens.current();

            assertThat(logs.lines())
                    .as("reported once per content")
                    .singleElement()
                    .satisfies(line -> assertThat(line).contains("WARN", file + " line 2"));
            assertThat(String.join("\n", logs.lines())).doesNotContainIgnoringCase("s3cret");
        }
    }

    @Test
    void shouldKeepTheTokensInUseWhenTheFileDisappears() throws IOException {
        Path file = write("viewer good-s3cret\n");
        ReloadingTokens tokens = fromFile(file);
        Files.delete(file);

        nanos.addAndGet(INTERVAL.toNanos());
        assertThat(tokens.current().authenticate("good-s3cret")).isPresent();
    }

    @Test
    void shouldLogAReloadByRoleCountsOnly() throws IOException {
        Path file = write("viewer one-s3cret\n");
        ReloadingTokens tokens = fromFile(file);
        write("viewer one-s3cret\nadmin two-s3cret\n");

        try (CapturedLogs logs = new CapturedLogs()) {
            nanos.addAndGet(INTERVAL.toNanos());
            tokens.current();

            assertThat(logs.lines())
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .contains("Reloaded", "VIEWER=1", "ADMIN=2")
                            .doesNotContainIgnoringCase("s3cret")
                            .doesNotContain("t0ken"));
        }
    }

    @Test
    void shouldFailAtStartOnAMalformedFile() throws IOException {
        Path file = write("nobody n-s3cret\n");

        assertThatThrownBy(() -> fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1")
                .hasMessageNotContainingAny("s3cret", "S3CRET");
    }

    @Test
    void shouldBeOffWithNeitherAFileNorFixedTokens() {
        ReloadingTokens tokens = new ReloadingTokens(HttpSettings.Tokens.none(), nanos::get);

        assertThat(tokens.authenticationOn()).isFalse();
        assertThat(tokens.current().isEmpty()).isTrue();
    }
}
