package org.mmsim.physical.memmap;

import java.util.List;
import org.mmsim.api.physical.DirectMap;

/**
 * The page sizes x86-64's boot maps RAM with in the direct mapping ({@code init_mem_mapping()} and
 * {@code split_mem_range()} in arch/x86/mm/init.c, with 1 GiB pages): the first MiB (the ISA range, RAM or not) with
 * 4 KiB pages, then each RAM range above it in the largest aligned pages that fit, 4 KiB up to the first 2 MiB
 * boundary, 2 MiB up to the first 1 GiB boundary, 1 GiB pages in between, and the same sizes down at the end.
 * What the running kernel splits later (the kernel image's alias made read-only, {@code set_memory_*()}) moves
 * further pages to smaller sizes on a real machine; this is the boot's mapping.
 */
final class DirectMapping {
    private static final long PAGES_2M = 512;
    private static final long PAGES_1G = 512 * 512;
    /** {@code ISA_END_ADDRESS}, 1 MiB, in pages. */
    private static final long ISA_END = 256;

    private DirectMapping() {
    }

    /** The direct mapping of the RAM ranges {@code usable}, in address order. */
    static DirectMap of(List<PfnRange> usable) {
        long[] pages = new long[3];
        pages[0] = ISA_END;
        for (PfnRange ram : usable) {
            long start = Math.max(ram.start(), ISA_END);
            if (start < ram.end()) {
                split(start, ram.end(), pages);
            }
        }
        return new DirectMap(pages[0] * 4, pages[1] * 4, pages[2] * 4);
    }

    /** {@code split_mem_range()}: 4K head, 2M head, 1G body, 2M tail, 4K tail. */
    private static void split(long start, long end, long[] pages) {
        long head2m = Math.min(roundUp(start, PAGES_2M), end);
        long head1g = Math.max(head2m, Math.min(roundUp(start, PAGES_1G), end / PAGES_2M * PAGES_2M));
        long tail1g = Math.max(head1g, end / PAGES_1G * PAGES_1G);
        long tail2m = Math.max(tail1g, end / PAGES_2M * PAGES_2M);
        pages[0] += head2m - start + end - tail2m;
        pages[1] += head1g - head2m + tail2m - tail1g;
        pages[2] += tail1g - head1g;
    }

    private static long roundUp(long pfn, long size) {
        return (pfn + size - 1) / size * size;
    }
}
