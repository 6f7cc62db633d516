package com.alluse.streams.client.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into numbered UTF-8 lines (JSON Lines), holding at most one line of
 * {@code maxLineBytes} in memory. Lines end at {@code \n}; a trailing {@code \r} is dropped. A line
 * that is too long or not valid UTF-8 comes back as a {@link Line} with a problem instead of text,
 * so one bad line never stops the lines after it.
 */
public final class JsonLinesReader {
    private static final int CHUNK_BYTES = 8_192;
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line;
    private int lineLength;
    private int chunkPosition;
    private int chunkLimit;
    private long lineNumber;
    private boolean endOfInput;

    /** One line: its 1-based number and either its text or why it has none. */
    public record Line(long number, String text, String problem) {
        public boolean isValid() {
            return problem == null;
        }
    }

    public JsonLinesReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, got " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[Math.min(maxLineBytes, 1_024)];
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        if (endOfInput) {
            return null;
        }
        lineLength = 0;
        boolean tooLong = false;
        while (true) {
            if (chunkPosition == chunkLimit && !fill()) {
                endOfInput = true;
                if (lineLength == 0 && !tooLong) {
                    return null; // the input ended with a newline (or was empty)
                }
                return finish(tooLong);
            }
            byte next = chunk[chunkPosition++];
            if (next == '\n') {
                return finish(tooLong);
            }
            if (lineLength < maxLineBytes + 1) {
                append(next); // one byte beyond the bound: enough to tell a trailing \r from a long line
            } else {
                tooLong = true; // keep scanning to the newline, discarding the rest of the line
            }
        }
    }

    private Line finish(boolean tooLong) {
        lineNumber++;
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        if (tooLong || length > maxLineBytes) {
            return new Line(lineNumber, null, "line is longer than " + maxLineBytes + " bytes");
        }
        try {
            String text = utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
            if (lineNumber == 1 && text.startsWith(BYTE_ORDER_MARK)) {
                text = text.substring(BYTE_ORDER_MARK.length());
            }
            return new Line(lineNumber, text, null);
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, null, "line is not valid UTF-8");
        }
    }

    private void append(byte next) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, maxLineBytes + 1));
        }
        line[lineLength++] = next;
    }

    private boolean fill() throws IOException {
        int read = in.read(chunk); // blocks until at least one byte or the end: never 0
        chunkPosition = 0;
        chunkLimit = Math.max(read, 0);
        return read > 0;
    }
}
