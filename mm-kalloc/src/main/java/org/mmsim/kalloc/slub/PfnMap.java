package org.mmsim.kalloc.slub;

/**
 * What each page of the direct map holds for the slab allocator, by pfn ({@code virt_to_slab()}): a slab id + 1, the
 * negated order + 1 of a large kmalloc's first page, or 0. Chunks of 4096 pfns are allocated on first use, so a big
 * machine pays only for the memory its slabs use; a lookup is two array loads.
 */
final class PfnMap {
    private static final int SHIFT = 12;
    private static final int MASK = (1 << SHIFT) - 1;
    private final int[][] chunks;
    private final long limit;

    PfnMap(long pfns) {
        limit = pfns;
        chunks = new int[(int) ((pfns + MASK) >>> SHIFT)][];
    }

    /** The entry of {@code pfn}; 0 for a pfn outside memory. */
    int get(long pfn) {
        if (pfn < 0 || pfn >= limit) {
            return 0;
        }
        int[] chunk = chunks[(int) (pfn >>> SHIFT)];
        return chunk == null ? 0 : chunk[(int) (pfn & MASK)];
    }

    void set(long pfn, int value) {
        int c = (int) (pfn >>> SHIFT);
        int[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new int[1 << SHIFT];
            chunks[c] = chunk;
        }
        chunk[(int) (pfn & MASK)] = value;
    }

    /** Sets the entries of {@code 2^order} pages from {@code pfn}. */
    void setRange(long pfn, int order, int value) {
        for (long p = pfn, end = pfn + (1L << order); p < end; p++) {
            set(p, value);
        }
    }
}
