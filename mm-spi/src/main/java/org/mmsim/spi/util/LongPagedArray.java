package org.mmsim.spi.util;

/**
 * A long per index over a huge index range, stored in chunks allocated on first write, so that per-frame state of a
 * layer costs memory only where frames are in use (a 1 TiB machine has 2^28 frames). Unwritten indices read 0. Two
 * array loads per access, no allocation after a chunk exists.
 */
public final class LongPagedArray {
    private static final int SHIFT = 12;
    private static final int MASK = (1 << SHIFT) - 1;
    private final long[][] chunks;

    /** @param size the number of indices, 0 to size - 1 */
    public LongPagedArray(long size) {
        chunks = new long[(int) ((size + MASK) >>> SHIFT)][];
    }

    /** The value at {@code index}, 0 if never written. */
    public long get(long index) {
        long[] chunk = chunks[(int) (index >>> SHIFT)];
        return chunk == null ? 0 : chunk[(int) (index & MASK)];
    }

    /** Sets the value at {@code index}. */
    public void set(long index, long value) {
        int c = (int) (index >>> SHIFT);
        long[] chunk = chunks[c];
        if (chunk == null) {
            if (value == 0) {
                return;
            }
            chunk = new long[1 << SHIFT];
            chunks[c] = chunk;
        }
        chunk[(int) (index & MASK)] = value;
    }
}
