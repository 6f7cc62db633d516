package com.alluse.streams.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes report.json, report.md and the PNG charts into the run's results directory. */
final class ReportWriter {
    static final String JSON = "report.json";
    static final String MARKDOWN = "report.md";

    private final Path directory;

    ReportWriter(Path directory) {
        this.directory = directory;
    }

    void write(RunReport report) throws IOException {
        Files.createDirectories(directory);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(directory.resolve(JSON).toFile(), report);
        new ChartWriter(directory).write(report);
        Files.writeString(directory.resolve(MARKDOWN), new MarkdownReport(report).render(), StandardCharsets.UTF_8);
    }
}
