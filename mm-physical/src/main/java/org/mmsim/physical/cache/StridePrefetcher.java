package org.mmsim.physical.cache;

/**
 * A first-level data prefetcher of the simplest two kinds real cores combine: next-line (Intel's DCU prefetcher
 * fetches the line after the one that missed) and stride (when the distance between the last two misses repeats, the
 * next line is one stride on, as an IP-stride prefetcher finds in a loop's array walk; without the instruction
 * pointer, this one watches the miss stream as a whole).
 */
final class StridePrefetcher {
    private long lastMiss = Long.MIN_VALUE;
    private long lastStride;

    /** A demand miss on {@code line}: the line to prefetch. */
    long miss(long line) {
        long stride = line - lastMiss;
        long next = lastMiss != Long.MIN_VALUE && stride == lastStride && stride != 0 ? line + stride : line + 1;
        lastStride = lastMiss == Long.MIN_VALUE ? 0 : stride;
        lastMiss = line;
        return next;
    }
}
