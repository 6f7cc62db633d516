package com.alluse.streams.client.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {
    private static List<JsonLinesReader.Line> read(byte[] input, int maxLineBytes) throws IOException {
        JsonLinesReader reader = new JsonLinesReader(new ByteArrayInputStream(input), maxLineBytes);
        List<JsonLinesReader.Line> lines = new ArrayList<>();
        for (JsonLinesReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }

    private static List<JsonLinesReader.Line> read(String input) throws IOException {
        return read(input.getBytes(StandardCharsets.UTF_8), 100);
    }

    @Test
    void shouldNumberLinesFromOneIncludingBlankOnes() throws IOException {
        assertThat(read("a\n\nc\n"))
                .containsExactly(
                        new JsonLinesReader.Line(1, "a", null),
                        new JsonLinesReader.Line(2, "", null),
                        new JsonLinesReader.Line(3, "c", null));
    }

    @Test
    void shouldReadALastLineWithoutNewline() throws IOException {
        assertThat(read("a\nb")).extracting(JsonLinesReader.Line::text).containsExactly("a", "b");
    }

    @Test
    void shouldDropTheCarriageReturnOfWindowsLineEnds() throws IOException {
        assertThat(read("a\r\nb\r\n")).extracting(JsonLinesReader.Line::text).containsExactly("a", "b");
    }

    @Test
    void shouldReadNothingFromEmptyInput() throws IOException {
        assertThat(read("")).isEmpty();
    }

    @Test
    void shouldStripAByteOrderMarkFromTheFirstLine() throws IOException {
        assertThat(read("\uFEFF{}\n\uFEFF{}"))
                .extracting(JsonLinesReader.Line::text)
                .containsExactly("{}", "\uFEFF{}");
    }

    @Test
    void shouldReportALineLongerThanTheBoundAndGoOnWithTheNext() throws IOException {
        List<JsonLinesReader.Line> lines =
                read(("12345\n" + "x".repeat(50_000) + "\nok\n").getBytes(StandardCharsets.UTF_8), 10);

        assertThat(lines)
                .containsExactly(
                        new JsonLinesReader.Line(1, "12345", null),
                        new JsonLinesReader.Line(2, null, "line is longer than 10 bytes"),
                        new JsonLinesReader.Line(3, "ok", null));
    }

    @Test
    void shouldAcceptALineOfExactlyTheBoundWithAWindowsLineEnd() throws IOException {
        assertThat(read("1234567890\r\n12345678901\n".getBytes(StandardCharsets.UTF_8), 10))
                .containsExactly(
                        new JsonLinesReader.Line(1, "1234567890", null),
                        new JsonLinesReader.Line(2, null, "line is longer than 10 bytes"));
    }

    @Test
    void shouldReportInvalidUtf8AndGoOnWithTheNextLine() throws IOException {
        byte[] input = {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n', 'b'};

        assertThat(read(input, 100))
                .containsExactly(
                        new JsonLinesReader.Line(1, "a", null),
                        new JsonLinesReader.Line(2, null, "line is not valid UTF-8"),
                        new JsonLinesReader.Line(3, "b", null));
    }

    @Test
    void shouldDecodeMultiByteCharactersSplitAcrossReads() throws IOException {
        byte[] text = "{\"reason\":\"révision ✓\"}\n".getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < text.length ? text[next++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (next >= text.length) {
                    return -1;
                }
                buffer[offset] = text[next++];
                return 1;
            }
        };

        JsonLinesReader reader = new JsonLinesReader(oneByteAtATime, 100);

        assertThat(reader.next().text()).isEqualTo("{\"reason\":\"révision ✓\"}");
        assertThat(reader.next()).isNull();
    }
}
