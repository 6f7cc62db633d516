package com.alluse.streams.client.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of raw bytes, for showing keys and dead-lettered values to a person. */
final class Utf8Text {
    private Utf8Text() {}

    /** The text, or null when the bytes are not valid UTF-8. */
    static String decodeOrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The text, or null when the bytes are not valid UTF-8 or hold control characters other than tab and line breaks. */
    static String printableOrNull(byte[] bytes) {
        String text = decodeOrNull(bytes);
        if (text == null) {
            return null;
        }
        boolean printable =
                text.codePoints().allMatch(c -> !Character.isISOControl(c) || c == '\t' || c == '\n' || c == '\r');
        return printable ? text : null;
    }
}
