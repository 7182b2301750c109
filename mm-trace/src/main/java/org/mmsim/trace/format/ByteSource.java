package org.mmsim.trace.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered byte reader for the trace parsers: they work on bytes, a record at a time, never building a String per
 * record. Read errors of the (possibly compressed) stream surface as {@link IOException}s for the caller to report.
 */
final class ByteSource {
    private static final int BUFFER = 1 << 16;
    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;

    ByteSource(InputStream in) {
        this.in = in;
    }

    /**
     * Reads up to {@code length} bytes into {@code into}, stopping early only at the end of the stream.
     *
     * @return the bytes read: {@code length}, or fewer at the end of the stream (0 at a clean end)
     */
    int readFully(byte[] into, int length) throws IOException {
        int got = 0;
        while (got < length) {
            if (position == limit && !fill()) {
                return got;
            }
            int n = Math.min(length - got, limit - position);
            System.arraycopy(buffer, position, into, got, n);
            position += n;
            got += n;
        }
        return length;
    }

    /** The buffer the line readers scan in place, valid from {@link #position} to {@link #limit}. */
    byte[] buffer() {
        return buffer;
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    /** Consumes the buffer up to {@code position}. */
    void skipTo(int position) {
        this.position = position;
    }

    /**
     * Reads the next part of the stream into the buffer, from its start (what was left unconsumed is dropped).
     *
     * @return false at the end of the stream
     */
    boolean refill() throws IOException {
        return fill();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, BUFFER);
        while (n == 0) {
            n = in.read(buffer, 0, BUFFER);
        }
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
