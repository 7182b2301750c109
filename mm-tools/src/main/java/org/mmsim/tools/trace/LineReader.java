package org.mmsim.tools.trace;

import java.io.IOException;

/**
 * The shared machinery of the text formats: walks the stream line by line (LF or CRLF), byte by byte, and hands each
 * line's bytes to {@link #line}. The line number is the record number errors report.
 */
abstract class LineReader implements TraceReader {
    private byte[] line = new byte[256];
    private long lineNumber;

    @Override
    public final void read(String file, ByteSource in, KeySink sink) throws IOException {
        int length = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                lineNumber++;
                line(file, trimCr(length), sink);
                length = 0;
            } else {
                if (length == line.length) {
                    line = java.util.Arrays.copyOf(line, length * 2);
                }
                line[length++] = (byte) b;
            }
        }
        if (length > 0) {
            lineNumber++;
            line(file, trimCr(length), sink);
        }
    }

    private int trimCr(int length) {
        return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    }

    @Override
    public final long records() {
        return lineNumber;
    }

    /** Decodes one line of {@code length} bytes (no line end). */
    abstract void line(String file, int length, KeySink sink);

    /** The current line's bytes. */
    final byte[] bytes() {
        return line;
    }

    /** An error about the current line, quoting it. */
    final TraceException error(String file, int length, String expected) {
        String text = new String(line, 0, Math.min(length, 60), java.nio.charset.StandardCharsets.ISO_8859_1);
        return new TraceException(file + ": record " + lineNumber + ": '" + text + (length > 60 ? "...'" : "'")
                + "; expected " + expected);
    }

    /** Parses a decimal number (optional minus) in {@code [from, to)}, or returns null-like failure via exception. */
    static long decimal(byte[] b, int from, int to) {
        if (from >= to) {
            throw new NumberFormatException();
        }
        boolean negative = b[from] == '-';
        int i = negative ? from + 1 : from;
        if (i >= to) {
            throw new NumberFormatException();
        }
        long value = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || value > (Long.MAX_VALUE - d) / 10) {
                throw new NumberFormatException();
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    /** Parses hexadecimal digits in {@code [from, to)} as an unsigned 64-bit number. */
    static long hex(byte[] b, int from, int to) {
        if (from >= to || to - from > 16) {
            throw new NumberFormatException();
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0) {
                throw new NumberFormatException();
            }
            value = (value << 4) | d;
        }
        return value;
    }
}
