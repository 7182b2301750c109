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
     * the next of the negative priorities Linux hands out, -2, -3, ... ({@code least_priority}). The file is made as it
     * is swapped on (mkswap and swapon in one), so {@code path} is any absolute path not in use; page 0 of the area
     * is its header, so it has {@code pages - 1} slots. A refused call changes nothing.
     *
     * @throws org.mmsim.api.paging.SyscallException EINVAL for a priority out of -1..32767
     *     ({@code SWAP_FLAG_PRIO_MASK}), a path that is not absolute, or fewer than 2 pages (the header and one slot:
     *     "Empty swap-file") or more than 4 TiB; EPERM beyond 32 areas ({@code MAX_SWAPFILES}); EFAULT for a null
     *     path, ENOENT for an empty one; EBUSY for a path that is a swap area already
     */
    void swapon(String path, long pages, int priority);

    /**
     * {@code swapoff(2)}: brings every page of the area back into memory and removes it.
     *
     * @throws org.mmsim.api.paging.SyscallException EINVAL for a path that is not a swap area, EFAULT for a null
     *     path, ENOENT for an empty one; nothing changes then
     * @throws IllegalStateException if there is not enough memory for them (the area stays, as Linux leaves it, with
     *     the pages brought back so far in memory)
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
     * @throws IllegalArgumentException for a value out of 0..31 ({@code page_cluster_max}), which the kernel's
     *     sysctl refuses with EINVAL, as every tunable's setter refuses what its sysctl does; nothing changes then
     */
    void setPageCluster(int value);
}
