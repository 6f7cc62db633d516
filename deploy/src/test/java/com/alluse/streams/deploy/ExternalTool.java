package com.alluse.streams.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A program of the machine (promtool, amtool, alertmanager) found on the PATH and run to completion. */
final class ExternalTool {
    private final Path program;

    private ExternalTool(Path program) {
        this.program = program;
    }

    /** The first of the names that is an executable on the PATH (Debian names some binaries differently). */
    static Optional<ExternalTool> onPath(String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new ExternalTool(candidate));
                }
            }
        }
        return Optional.empty();
    }

    Path program() {
        return program;
    }

    /** What a finished run printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {}

    Result run(Path dir, Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout);
            }
            return new Result(
                    process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
