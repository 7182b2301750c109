package org.mmsim.api.reclaim;

import java.util.List;

/**
 * Swap as a program administers it (mm/swapfile.c): {@code swapon(2)} and {@code swapoff(2)}, the areas /proc/swaps
 * lists, the totals /proc/meminfo shows and {@code vm.page-cluster}. What the kernel does with the slots (the swap
 * cache, swap-in, the slots' reference counts) is the layers' contract, {@code org.mmsim.api.kernel.SwapCache},
 * which a program cannot reach.
 */
public interface Swap {
    /**
     * {@code swapon(2)}: adds a swap area of {@code pages} pages at priority {@code priority} (higher is used first;
     * areas of equal priority take turns). Priority -1 is none given, as swapon(8) without {@code -p}: the area gets
     * the next of the negative priorities Linux hands out, -2, -3, ... ({@code least_priority}).
     *
     * @throws IllegalArgumentException for a path in use, a size below 10 pages, or a priority out of -1..32767
     */
    void swapon(String path, long pages, int priority);

    /**
     * {@code swapoff(2)}: brings every page of the area back into memory and removes it.
     *
     * @throws IllegalStateException if there is not enough memory for them (the area stays, as Linux leaves it)
     * @throws IllegalArgumentException for a path that is not a swap area
     */
    void swapoff(String path);

    /** The areas, as /proc/swaps lists them. */
    List<SwapArea> areas();

    /** Total slots (SwapTotal in pages). */
    long totalPages();

    /** Free slots (SwapFree in pages). */
    long freePages();

    /** Pages in the swap cache (SwapCached). */
    long cachedPages();

    /** {@code vm.page-cluster}: swap readahead reads up to 2^N slots (mm/swap.c {@code page_cluster}). */
    int pageCluster();

    /**
     * Sets {@code vm.page-cluster}.
     *
     * @throws IllegalArgumentException for a value out of 0..31 ({@code page_cluster_max})
     */
    void setPageCluster(int value);
}
