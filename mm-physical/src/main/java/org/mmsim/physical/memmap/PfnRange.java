package org.mmsim.physical.memmap;

/**
 * A range of page frames {@code [start, end)}, as memblock and the e820 map describe memory.
 *
 * @param start the first pfn
 * @param end one past the last pfn
 */
public record PfnRange(long start, long end) {
    public PfnRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("pfn range [" + start + ", " + end + ")");
        }
    }

    /** The number of frames. */
    public long pages() {
        return end - start;
    }

    /** The frames both ranges hold ({@code [max(starts), min(ends))}, empty if they do not meet). */
    public PfnRange intersect(long from, long to) {
        long s = Math.max(start, from);
        long e = Math.min(end, to);
        return e > s ? new PfnRange(s, e) : new PfnRange(s, s);
    }
}
