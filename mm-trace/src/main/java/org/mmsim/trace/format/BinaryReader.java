package org.mmsim.trace.format;

import java.io.IOException;

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
            sink.accept(key(r));
        }
    }

    private long key(byte[] r) {
        switch (layout) {
            case U32BE:
                return bigEndian(r, 0, 4) & 0xffffffffL;
            case I32BE:
                return (int) bigEndian(r, 0, 4);
            case I64BE:
                return bigEndian(r, 0, 8);
            default:
                long id = 0;
                for (int i = 11; i >= 4; i--) {
                    id = (id << 8) | (r[i] & 0xff);
                }
                return id;
        }
    }

    private static long bigEndian(byte[] r, int from, int length) {
        long value = 0;
        for (int i = from; i < from + length; i++) {
            value = (value << 8) | (r[i] & 0xff);
        }
        return value;
    }

    @Override
    public long records() {
        return records;
    }
}
