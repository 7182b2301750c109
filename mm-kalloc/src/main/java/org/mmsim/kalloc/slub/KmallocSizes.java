package org.mmsim.kalloc.slub;

/**
 * The kmalloc size classes ({@code kmalloc_info[]} and {@code size_index[]} in mm/slab_common.c): index 1 is 96
 * bytes, 2 is 192, and 3 to 13 are the powers of two from 8 to 8 KiB ({@code KMALLOC_SHIFT_LOW} 3,
 * {@code KMALLOC_SHIFT_HIGH} = PAGE_SHIFT + 1 = 13). Sizes up to 192 find their index in a table by
 * {@code (size - 1) / 8}, so 65 to 96 bytes take the 96-byte class; above 192 the index is {@code fls(size - 1)}.
 */
final class KmallocSizes {
    /** Indices with a cache. */
    static final int INDICES = 14;
    /** The object size of each index (0 has none). */
    static final int[] SIZES = {0, 96, 192, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192};
    /** The name suffix of each index: {@code kmalloc-1k}. */
    static final String[] NAMES = {null, "96", "192", "8", "16", "32", "64", "128", "256", "512", "1k", "2k", "4k", "8k"};
    /** {@code size_index[(size - 1) / 8]} for sizes 1 to 192. */
    private static final byte[] SIZE_INDEX = {
        3, 4, 5, 5, 6, 6, 6, 6,
        1, 1, 1, 1, 7, 7, 7, 7,
        2, 2, 2, 2, 2, 2, 2, 2,
    };

    private KmallocSizes() {
    }

    /** {@code kmalloc_index()}: the class of a size from 1 to 8192. */
    static int index(int size) {
        if (size <= 192) {
            return SIZE_INDEX[(size - 1) >>> 3];
        }
        return 32 - Integer.numberOfLeadingZeros(size - 1);
    }
}
