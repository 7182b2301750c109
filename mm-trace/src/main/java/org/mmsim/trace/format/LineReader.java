package org.mmsim.trace.format;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The shared machinery of the text formats: finds each line (LF or CRLF) in the source's buffer and hands the
 * subclass its bytes where they lie; only a line split across two reads of the stream is copied. The line number is
 * the record number errors report.
 */
abstract class LineReader implements RecordReader {
    private byte[] split = new byte[256];
    private long lineNumber;

    @Override
    public final void read(String file, ByteSource in) throws IOException {
        int pending = 0;
        while (in.position() < in.limit() || in.refill()) {
            byte[] b = in.buffer();
            int start = in.position();
            int limit = in.limit();
            for (int i = nextNewline(b, start, limit); i < limit; i = nextNewline(b, i + 1, limit)) {
                lineNumber++;
                if (pending == 0) {
                    dispatch(file, b, start, i);
                } else {
                    pending = keep(pending, b, start, i);
                    dispatch(file, split, 0, pending);
                    pending = 0;
                }
                start = i + 1;
            }
            pending = keep(pending, b, start, limit);
            in.skipTo(limit);
        }
        if (pending > 0) {
            lineNumber++;
            dispatch(file, split, 0, pending);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first {@code '\n'} in {@code b[from, limit)}, or {@code limit}: eight bytes at a time (the
     * zero-byte test of Hacker's Delight 6-1 on the word XORed with newlines), since text traces are mostly this scan.
     */
    private static int nextNewline(byte[] b, int from, int limit) {
        int i = from;
        for (; i + 8 <= limit; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return limit;
    }

    /** Appends {@code b[from, to)} to the split line; returns its new length. */
    private int keep(int pending, byte[] b, int from, int to) {
        int length = pending + to - from;
        if (length > split.length) {
            split = java.util.Arrays.copyOf(split, Math.max(length, split.length * 2));
        }
        System.arraycopy(b, from, split, pending, to - from);
        return length;
    }

    private void dispatch(String file, byte[] b, int from, int to) {
        line(file, b, from, to > from && b[to - 1] == '\r' ? to - 1 : to);
    }

    @Override
    public final long records() {
        return lineNumber;
    }

    /** Decodes one line: the bytes {@code b[from, to)}, without its line end. */
    abstract void line(String file, byte[] b, int from, int to);

    /** An error about the current line, quoting it. */
    final TraceException error(String file, byte[] b, int from, int to, String expected) {
        int length = to - from;
        String text = new String(b, from, Math.min(length, 60), java.nio.charset.StandardCharsets.ISO_8859_1);
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
            int d = HEX[b[i] & 0xff];
            if (d < 0) {
                throw new NumberFormatException();
            }
            value = (value << 4) | d;
        }
        return value;
    }

    /** Each byte's value as a hex digit, or -1: a table, as {@code Character.digit} costs a call per digit. */
    private static final byte[] HEX = new byte[256];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int d = 0; d < 16; d++) {
            HEX[Character.forDigit(d, 16)] = (byte) d;
            HEX[Character.toUpperCase(Character.forDigit(d, 16))] = (byte) d;
        }
    }
}
