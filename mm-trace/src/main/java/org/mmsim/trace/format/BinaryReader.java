package org.mmsim.trace.format;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Fixed-size binary records, no header: raw big-endian keys ({@code u32be}, {@code i32be}, {@code i64be}, the
 * CloudPhysics, cache2k, Scarab and Corda traces) and libCacheSim's {@code oracle-general} records (24 bytes, little
 * endian: u32 time, u64 object id, u32 size, i64 next access; the key is the object id).
 */
final class BinaryReader implements RecordReader {
    /** The record layouts. */
    enum Layout {
        U32BE(4), I32BE(4), I64BE(8), ORACLE_GENERAL(24);

        final int size;

        Layout(int size) {
            this.size = size;
        }

        /** The key of the record at {@code at} in a big-endian buffer. */
        long key(ByteBuffer records, int at) {
            switch (this) {
                case U32BE:
                    return records.getInt(at) & 0xffffffffL;
                case I32BE:
                    return records.getInt(at);
                case I64BE:
                    return records.getLong(at);
                default:
                    // The object id: bytes 4 to 11, little endian.
                    return Long.reverseBytes(records.getLong(at + 4));
            }
        }
    }

    private final Layout layout;
    private final KeySink sink;
    private long records;

    BinaryReader(Layout layout, KeySink sink) {
        this.layout = layout;
        this.sink = sink;
    }

    @Override
    public void read(String file, ByteSource in) throws IOException {
        byte[] r = new byte[layout.size];
        ByteBuffer record = ByteBuffer.wrap(r);
        while (true) {
            int n = in.readFully(r, r.length);
            if (n == 0) {
                return;
            }
            if (n < r.length) {
                throw new TraceException(file + ": record " + (records + 1) + ": truncated, " + n + " of "
                        + r.length + " bytes; expected whole " + r.length + "-byte records");
            }
            records++;
            sink.accept(layout.key(record, 0));
        }
    }

    @Override
    public long records() {
        return records;
    }
}
