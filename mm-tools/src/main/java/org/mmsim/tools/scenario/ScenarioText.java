package org.mmsim.tools.scenario;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mmsim.spi.BadInputException;

/**
 * A scenario file's bytes as its lines: UTF-8, a leading UTF-8 byte order mark skipped (as editors on Windows write
 * one), lines ended as {@link BufferedReader#readLine} ends them. Bytes that are not UTF-8, UTF-16 text and NUL bytes
 * are refused with the line and column where they are, so the user can find them.
 */
final class ScenarioText {
    private static final byte[] UTF8_BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    private ScenarioText() {
    }

    /**
     * The lines of {@code bytes}.
     *
     * @param file what errors call the file
     * @throws BadInputException {@code FILE:LINE: ...} for text that is not UTF-8
     */
    static List<String> lines(String file, byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff
                || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe)) {
            throw new BadInputException(String.format("%s:1: UTF-16 text (byte order mark %02X %02X); expected UTF-8",
                    file, bytes[0] & 0xff, bytes[1] & 0xff));
        }
        int start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        String text;
        try {
            text = decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first byte it cannot decode.
            int at = in.position();
            throw new BadInputException(String.format("%s:%s: byte 0x%02X is not UTF-8; expected UTF-8 text", file,
                    where(bytes, start, at), bytes[at] & 0xff), e);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            byte[] decoded = text.substring(0, nul).getBytes(StandardCharsets.UTF_8);
            throw new BadInputException(String.format("%s:%s: a NUL byte; expected UTF-8 text (UTF-16 has them)", file,
                    where(bytes, start, start + decoded.length)));
        }
        return new BufferedReader(new StringReader(text)).lines().toList();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code LINE:COLUMN} of byte {@code at}, counting from {@code start}; the column counts bytes, from 1. */
    private static String where(byte[] bytes, int start, int at) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (at - lineStart + 1);
    }
}
